"""CSV/XLSX import and export of coalition members and meeting attendance (django-import-export).

Both resources are limited to what the person may manage: the admin hands them its region-scoped
queryset for exports, and the import looks coalitions up only among the coalitions of the importer's
kraje (regional coordinators) or the coalitions they coordinate (coalition coordinators). A row naming
another region's coalition is a row error, as is an unknown e-mail or an unknown code; the admin shows
every row's errors on the preview and imports nothing until the whole file is clean (one transaction).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from accounts.permissions import coordinated_kraje
from coalitions.models import Coalition, Membership, Registration
from coalitions.permissions import managed_coalitions
from core.spreadsheets import HumanHeadersMixin, SafeCSV
from services.models import Provider


class SpreadsheetCSV(SafeCSV):
    """CSV, also as Czech Excel saves it: semicolons between the columns (commas are decimal marks); the
    apostrophe the portal's exports put before formula-like texts is removed (core.spreadsheets)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        header = in_stream.split("\n", 1)[0]
        if header.count(";") > header.count(","):
            kwargs.setdefault("delimiter", ";")
        return super().create_dataset(in_stream, **kwargs)


def manageable_coalitions(user):
    """The coalitions whose members a person may import: their kraje's, and the ones they coordinate."""
    if user is None or not user.is_authenticated:
        return Coalition.objects.none()
    if user.is_superuser:
        return Coalition.objects.all()
    return Coalition.objects.filter(Q(kraj__in=coordinated_kraje(user)) |
                                    Q(pk__in=managed_coalitions(user).values("pk")))


class CoalitionWidget(widgets.ForeignKeyWidget):
    """A coalition by its short name (slug), among the coalitions the importer manages only."""

    def __init__(self, **kwargs):
        super().__init__(Coalition, field="slug", **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return manageable_coalitions(self.user)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            raise ValueError(_("Fill in the coalition's short name."))
        try:
            return super().clean(value, row, **kwargs)
        except Coalition.DoesNotExist:
            # Never tell whether another region's coalition of that name exists.
            raise ValueError(_("There is no coalition “%(slug)s” among the coalitions you manage.")
                             % {"slug": value}) from None


class PersonWidget(widgets.ForeignKeyWidget):
    """A person by the e-mail of their account (members must have an account on the portal)."""

    def __init__(self, **kwargs):
        super().__init__(get_user_model(), field="email", **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"email__iexact": value}

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            raise ValueError(_("Fill in the person's e-mail."))
        try:
            return super().clean(value, row, **kwargs)
        except get_user_model().DoesNotExist:
            raise ValueError(_("Nobody with the e-mail %(email)s has an account on the portal.")
                             % {"email": value}) from None
        except get_user_model().MultipleObjectsReturned:
            raise ValueError(_("More accounts have the e-mail %(email)s.") % {"email": value}) from None


class ProviderWidget(widgets.ForeignKeyWidget):
    """A provider from the registry by its IČO (optional)."""

    def __init__(self, **kwargs):
        super().__init__(Provider, field="ico", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = str(value).strip() if value not in (None, "") else ""
        if not value:
            return None
        try:
            return super().clean(value.zfill(8), row, **kwargs)
        except Provider.DoesNotExist:
            raise ValueError(_("No provider in the registry has the IČO %(ico)s.") % {"ico": value}) from None


class ChoiceWidget(widgets.CharWidget):
    """A code of a choice field; the human label (in Czech or English) is accepted too."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for code, label in self.choices:
            if text.casefold() in (code.casefold(), str(label).casefold()):
                return code
        if not text:
            return ""
        raise ValueError(_("“%(value)s” is not one of: %(codes)s.")
                         % {"value": text, "codes": ", ".join(code for code, _label in self.choices)})


class MembershipResource(HumanHeadersMixin, resources.ModelResource):
    """Members of coalitions: one row per membership, identified by coalition and e-mail."""

    header_labels = {"coalition": _("coalition (address name)"), "coalition_name": _("coalition's name"),
                     "email": _("member's e-mail"), "person_name": _("member's name"),
                     "provider_ico": _("provider's IČO")}

    coalition = fields.Field(attribute="coalition", column_name="coalition", widget=CoalitionWidget())
    coalition_name = fields.Field(attribute="coalition__name", column_name="coalition_name", readonly=True)
    email = fields.Field(attribute="person", column_name="email", widget=PersonWidget())
    person_name = fields.Field(attribute="person__public_name", column_name="person_name", readonly=True)
    organisation_kind = fields.Field(attribute="organisation_kind", column_name="organisation_kind",
                                     widget=ChoiceWidget(Membership.OrganisationKind.choices))
    provider_ico = fields.Field(attribute="provider", column_name="provider_ico", widget=ProviderWidget())
    organisation_name = fields.Field(attribute="organisation_name", column_name="organisation_name")
    triad_side = fields.Field(attribute="triad_side", column_name="triad_side",
                              widget=ChoiceWidget(Membership.TriadSide.choices))
    role = fields.Field(attribute="role", column_name="role", widget=ChoiceWidget(Membership.Role.choices),
                        default=Membership.Role.MEMBER)
    joined_on = fields.Field(attribute="joined_on", column_name="joined_on",
                             widget=widgets.DateWidget("%Y-%m-%d"))
    left_on = fields.Field(attribute="left_on", column_name="left_on", widget=widgets.DateWidget("%Y-%m-%d"))

    class Meta:
        model = Membership
        fields = ["coalition", "coalition_name", "email", "person_name", "organisation_kind", "provider_ico",
                  "organisation_name", "triad_side", "role", "joined_on", "left_on"]
        import_id_fields = ["coalition", "email"]
        clean_model_instances = True  # choices, the one-current-membership constraint
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["coalition"].widget.user = user

    def get_queryset(self):
        return (super().get_queryset().select_related("coalition", "person", "provider")
                .order_by("coalition__name", "pk"))

    def get_instance(self, instance_loader, row):
        """The person's current membership of the coalition (an ended one stays history); a row whose
        coalition or e-mail does not resolve becomes a new instance, and its field errors are reported."""
        try:
            coalition = self.fields["coalition"].clean(row)
            person = self.fields["email"].clean(row)
        except (ValueError, KeyError):
            return None
        return Membership.objects.current().filter(coalition=coalition, person=person).order_by("pk").first()

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.organisation_name and instance.provider_id:
            instance.organisation_name = instance.provider.name[:200]


class AttendanceResource(HumanHeadersMixin, resources.ModelResource):
    """Meeting attendance: one row per registration (export only)."""

    header_labels = {"coalition": _("coalition"), "meeting": _("meeting"), "meeting_starts_at": _("starts at"),
                     "person_name": _("participant"), "email": _("e-mail"), "organisation": _("organisation"),
                     "status": _("registration status"), "registered_at": _("registered at"),
                     "attended": _("attended")}

    coalition = fields.Field(attribute="meeting__coalition__name", column_name="coalition")
    meeting = fields.Field(attribute="meeting__title", column_name="meeting")
    meeting_starts_at = fields.Field(attribute="meeting__starts_at", column_name="meeting_starts_at",
                                     widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M"))
    person_name = fields.Field(attribute="person__public_name", column_name="person_name")
    email = fields.Field(attribute="person__email", column_name="email")
    organisation = fields.Field(attribute="person__organisation", column_name="organisation")
    status = fields.Field(column_name="status")
    registered_at = fields.Field(attribute="registered_at", column_name="registered_at",
                                 widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M"))
    attended = fields.Field(column_name="attended")

    class Meta:
        model = Registration
        fields = ["coalition", "meeting", "meeting_starts_at", "person_name", "email", "organisation",
                  "status", "registered_at", "attended"]

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def dehydrate_status(self, registration):
        return str(registration.get_status_display())

    def dehydrate_attended(self, registration):
        return {True: _("yes"), False: _("no")}.get(registration.attended, "")
