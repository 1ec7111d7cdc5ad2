"""The one e-mail of the board: a message to an item's author, who replies straight to the sender
(Reply-To); the author's address is never shown on the site."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def send_message_to_author(message) -> bool:
    """Mail a stored OfferMessage; True when the mail server took it (the message is kept either way)."""
    offer, author = message.offer, message.offer.author
    with translation.override(author.language or settings.LANGUAGE_CODE):
        context = {"message": message, "offer": offer, "offer_url": settings.SITE_URL + offer.get_absolute_url(),
                   "preferences_url": settings.SITE_URL + reverse("accounts:profile")}
        subject = " ".join(render_to_string("discussions/offers/emails/message_subject.txt", context).split())
        body = render_to_string("discussions/offers/emails/message_body.txt", context)
        html = render_to_string("discussions/offers/emails/message_body.html", context)
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [author.email],
                                  reply_to=[message.email])
    mail.attach_alternative(html, "text/html")
    try:
        mail.send()
    except OSError:
        logger.exception("Offer message %s stored but not e-mailed", message.pk)
        return False
    message.mailed_at = timezone.now()
    message.save(update_fields=["mailed_at"])
    return True
