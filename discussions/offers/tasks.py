"""Background tasks of the board (django.tasks): the contact relay's mail, enqueued on commit."""

from django.tasks import task


@task()
def send_message_to_author(message_pk: int) -> bool:
    from discussions.offers import emails
    from discussions.offers.models import OfferMessage

    message = OfferMessage.objects.select_related("offer__author").get(pk=message_pk)
    if message.mailed_at is not None:  # a task delivered twice mails once
        return True
    return emails.send_message_to_author(message)
