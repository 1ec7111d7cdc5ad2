from django.urls import path
from django.utils.translation import pgettext_lazy

from education.views import catalogue, kraj, organisation, quality, records, supervisors

app_name = "education"
urlpatterns = [
    # The catalogue, terms, registration, attendance, certificates (views/catalogue.py)
    path(pgettext_lazy("URL", "education/"), catalogue.index, name="index"),
    path(pgettext_lazy("URL", "education/calendar.ics"), catalogue.catalogue_ics, name="calendar"),
    path(pgettext_lazy("URL", "education/terms.atom"), catalogue.NewTermsFeed(), name="feed"),
    path(pgettext_lazy("URL", "education/programmes/<int:pk>/"), catalogue.programme_detail, name="programme"),
    path(pgettext_lazy("URL", "education/terms/<int:pk>/"), catalogue.term_detail, name="term"),
    path(pgettext_lazy("URL", "education/terms/<int:pk>/registration/"), catalogue.term_register,
         name="term-register"),
    path(pgettext_lazy("URL", "education/terms/<int:pk>/attendance/"), catalogue.term_attendance,
         name="term-attendance"),
    path(pgettext_lazy("URL", "education/terms/<int:pk>/calendar.ics"), catalogue.term_ics, name="term-ics"),
    path(pgettext_lazy("URL", "education/certificates/<int:pk>/"), catalogue.certificate_detail, name="certificate"),
    path(pgettext_lazy("URL", "education/certificates/<int:pk>/revoke/"), catalogue.certificate_revoke,
         name="certificate-revoke"),
    path(pgettext_lazy("URL", "education/certificates/verify/<str:code>/"), catalogue.certificate_verify,
         name="verify"),
    # A person's record (views/records.py)
    path(pgettext_lazy("URL", "education/my-record/"), records.my_record, name="my-record"),
    path(pgettext_lazy("URL", "education/my-record/new/"), records.own_record_add, name="own-record-add"),
    path(pgettext_lazy("URL", "education/my-record/<int:pk>/proof/"), records.proof_download, name="proof"),
    path(pgettext_lazy("URL", "education/my-record/<int:pk>/delete/"), records.own_record_delete,
         name="own-record-delete"),
    path(pgettext_lazy("URL", "education/invitations/<int:pk>/"), records.invitation_answer, name="invitation"),
    # A provider's education and supervision (views/organisation.py)
    path(pgettext_lazy("URL", "education/organisations/"), organisation.organisations, name="organisations"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/"), organisation.organisation_detail,
         name="organisation"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/invite/"), organisation.worker_invite,
         name="worker-invite"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/workers/<int:worker>/"), organisation.worker_edit,
         name="worker"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/plan/new/"), organisation.plan_add, name="plan-add"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/plan/<int:item>/delete/"), organisation.plan_delete,
         name="plan-delete"),
    path(pgettext_lazy("URL", "education/organisations/<int:pk>/supervision/"), organisation.supervision,
         name="supervision"),
    # The kraj's anonymised figures (views/kraj.py)
    path(pgettext_lazy("URL", "education/region/"), kraj.kraj_hours, name="kraj-hours"),
    path(pgettext_lazy("URL", "education/region/supervision/"), kraj.kraj_supervision, name="kraj-supervision"),
    path(pgettext_lazy("URL", "education/region/quality/"), kraj.kraj_quality, name="kraj-quality"),
    # Supervisors (views/supervisors.py)
    path(pgettext_lazy("URL", "education/supervisors/"), supervisors.supervisor_list, name="supervisors"),
    path(pgettext_lazy("URL", "education/supervisors/my-profile/"), supervisors.my_profile,
         name="supervisor-profile"),
    path(pgettext_lazy("URL", "education/supervisors/<int:pk>/"), supervisors.supervisor_detail, name="supervisor"),
    # Self-assessment and development plans (views/quality.py)
    path(pgettext_lazy("URL", "education/quality/"), quality.rounds, name="rounds"),
    path(pgettext_lazy("URL", "education/quality/start/<int:provider>/"), quality.round_start, name="round-start"),
    path(pgettext_lazy("URL", "education/quality/rounds/<int:pk>/"), quality.round_detail, name="round"),
    path(pgettext_lazy("URL", "education/quality/rounds/<int:pk>/standards/<int:number>/"), quality.round_standard,
         name="round-standard"),
    path(pgettext_lazy("URL", "education/quality/rounds/<int:pk>/complete/"), quality.round_complete,
         name="round-complete"),
    path(pgettext_lazy("URL", "education/quality/rounds/<int:pk>/actions/new/"), quality.action_create,
         name="action-create"),
    path(pgettext_lazy("URL", "education/quality/actions/<int:pk>/"), quality.action_edit, name="action"),
    path(pgettext_lazy("URL", "education/quality/rounds/<int:pk>/consultations/new/"), quality.consultation_create,
         name="consultation-create"),
    path(pgettext_lazy("URL", "education/quality/consultations/<int:pk>/"), quality.consultation_detail,
         name="consultation"),
    path(pgettext_lazy("URL", "education/quality/consultations/<int:pk>/calendar.ics"), quality.consultation_ics,
         name="consultation-ics"),
]
