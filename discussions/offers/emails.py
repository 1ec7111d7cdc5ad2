"""The one e-mail of the board: a message to an item's author, who replies straight to the sender
(Reply-To); the author's address is never shown on the site.

The view stores the OfferMessage first; the mail leaves from a background task enqueued on commit
(discussions.offers.tasks), so the sender does not wait for the mail server. The sender is told the same
either way ("sent to the author"): the message is stored, and `mailed_at` stays empty when the mail failed.
"""

from django.urls import reverse
from django.utils import timezone

from core.mail import absolute_url, in_language, send_templated
from core.tasks import enqueue_on_commit


def queue_message_to_author(message) -> None:
    from discussions.offers import tasks

    enqueue_on_commit(tasks.send_message_to_author, message.pk)


def send_message_to_author(message) -> bool:
    """Mail a stored OfferMessage; True when the mail server took it (the message is kept either way)."""
    offer, author = message.offer, message.offer.author
    with in_language(author.language):
        context = {"message": message, "offer": offer, "offer_url": absolute_url(offer.get_absolute_url()),
                   "preferences_url": absolute_url(reverse("accounts:profile"))}
    if not send_templated("discussions/offers/emails/message", context, [author.email], language=author.language,
                          reply_to=[message.email], what=f"offer message {message.pk}"):
        return False
    message.mailed_at = timezone.now()
    message.save(update_fields=["mailed_at"])
    return True
