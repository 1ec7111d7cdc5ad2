"""Admin building blocks shared by the apps: region scoping, implemented once.

A regional coordinator works on the records of the kraje they coordinate (accounts.permissions.coordinated_kraje);
a superuser on everything. `RegionScopedAdmin` (and `RegionScopedInline` for inlines) limits

- the rows of the change list, change / delete / history pages and actions (`get_queryset`): another region's
  object is "not found", an action never reaches it;
- every foreign-key and many-to-many choice of forms, so saving a foreign id from another region is a form
  error (`formfield_for_foreignkey` / `formfield_for_manytomany`);
- autocomplete results (`get_search_results` of the *target* admin: territory codelists use
  `ScopedAutocompleteAdmin`);
- related list filters, which offer only values occurring in the coordinator's rows.

How a model belongs to a region is said once, by `region_path`: "" when the model's QuerySet has an
`in_kraje(kraje)` method (Service, Provider, …), otherwise a lookup to territory.Kraj ("kraj", "orp__kraj") or
to a model that itself has `in_kraje` ("service", "offer__kraj").
"""

from functools import update_wrapper

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection, models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core.redirects import safe_next
from core.text import search_tokens

# Territorial codelists: how each reaches its kraj (they are national data, not region-bound records, but
# the choices a coordinator gets for them are those of their kraje).
TERRITORY_PATHS = {"kraj": "pk", "okres": "kraj", "orp": "kraj", "obec": "orp__kraj"}


def coordinated_kraje(user):
    """The kraje whose records `user` coordinates. Which those are is the accounts app's to say; core imports no
    app, so the function is named by a setting (PORTAL_COORDINATED_KRAJE)."""
    return import_string(settings.PORTAL_COORDINATED_KRAJE)(user)


def _target_model(model, path):
    """The model a lookup path ("service__provider") ends in."""
    for name in path.split("__"):
        if name == "pk":
            return model
        model = model._meta.get_field(name).related_model
    return model


def scope_queryset(queryset, kraje, path=None):
    """`queryset` limited to the records of `kraje`, following `path` (see the module docstring).

    With `path` None the model's own rule is used: its QuerySet's `in_kraje`, or its territorial path.
    """
    model = queryset.model
    if path is None:
        if hasattr(queryset, "in_kraje"):
            return queryset.in_kraje(kraje)
        if model._meta.app_label == "territory" and model._meta.model_name in TERRITORY_PATHS:
            path = TERRITORY_PATHS[model._meta.model_name]
        else:
            return None  # not region-bound (a national codelist, people, …)
    if not path:
        if not hasattr(queryset, "in_kraje"):
            raise ImproperlyConfigured(f"{model.__name__} needs a region_path or an in_kraje() QuerySet method.")
        return queryset.in_kraje(kraje)
    target = _target_model(model, path)
    if target._meta.label == "territory.Kraj":
        return queryset.filter(**{f"{path}__in": kraje})
    scoped_targets = scope_queryset(target._default_manager.all(), kraje)
    if scoped_targets is None:
        raise ImproperlyConfigured(f"{model.__name__}.{path} does not lead to a region-bound model.")
    return queryset.filter(**{f"{path}__in": scoped_targets.values("pk")})


def scope_choices(admin_site, queryset, user):
    """Choices of a related field for `user`: scoped like the related model's admin, or by its own rule."""
    if user.is_superuser:
        return queryset
    kraje = coordinated_kraje(user)
    model_admin = admin_site._registry.get(queryset.model)
    if isinstance(model_admin, RegionScopedMixin):
        return model_admin.scope_queryset(queryset, kraje)
    scoped = scope_queryset(queryset, kraje)
    return queryset if scoped is None else scoped


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to the person's region (ModelAdmin and inlines)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and "queryset" not in kwargs:
            queryset = self.get_field_queryset(None, db_field, request)
            if queryset is None:
                queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = scope_choices(self.admin_site, queryset, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        auto_created = db_field.remote_field.through._meta.auto_created  # explicit through models: no form field
        if not request.user.is_superuser and "queryset" not in kwargs and auto_created:
            queryset = self.get_field_queryset(None, db_field, request)
            if queryset is None:
                queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = scope_choices(self.admin_site, queryset, request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class DiacriticsInsensitiveSearch:
    """Admin search that ignores diacritics and case ("senior" finds "Senioři"): every word of the query must
    occur in one of `normalized_search_fields` (text already lower case without diacritics, such as
    Service.search_text) or, on PostgreSQL, in one of `unaccent_search_fields`. Hits of the ordinary
    `search_fields` (identifiers, IČO) are added."""

    normalized_search_fields: list[str] = []
    unaccent_search_fields: list[str] = []

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        tokens = search_tokens(search_term or "")
        if not tokens:
            return found, may_have_duplicates
        lookups = [f"{field}__contains" for field in self.normalized_search_fields]
        if connection.vendor == "postgresql":
            lookups += [f"{field}__unaccent__icontains" for field in self.unaccent_search_fields]
        else:
            lookups += [f"{field}__icontains" for field in self.unaccent_search_fields]
        if not lookups:
            return found, may_have_duplicates
        condition = Q()
        for token in tokens:
            condition &= Q.create([(lookup, token) for lookup in lookups], connector=Q.OR)
        matched = queryset.filter(condition)
        return (found | matched) if self.get_search_fields(request) else matched, may_have_duplicates


class ScopedAutocompleteAdmin(admin.ModelAdmin):
    """For admins of codelists other admins look up (territory): their autocomplete answers only with the
    person's region. Their own pages stay national."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            queryset = scope_choices(self.admin_site, queryset, request.user)
        return queryset, may_have_duplicates


class AccessibleWidgetsMixin:
    """Widgets that pass axe under the portal's CSP: the browser's own date picker instead of the admin's
    calendar shortcuts (their accessible names do not match the visible text), check boxes for short
    many-to-many lists (the two-box filter_horizontal widget carries ARIA labels on plain spans, so registry
    admins do not use it); long lists stay a native multiple select. An admin's explicit filter_horizontal,
    filter_vertical or autocomplete choice is kept."""

    formfield_overrides = {
        models.DateField: {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})},
    }
    checkbox_limit = 60

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        chosen_widget = {*self.get_autocomplete_fields(request), *self.filter_vertical, *self.filter_horizontal}
        if field is not None and db_field.name not in chosen_widget and field.queryset.count() <= self.checkbox_limit:
            field.widget = forms.CheckboxSelectMultiple()
            field.widget.choices = field.choices
        return field


class RegionScopedMixin(AccessibleWidgetsMixin, ScopedChoicesMixin):
    region_path = ""

    def scope_queryset(self, queryset, kraje):
        return scope_queryset(queryset, kraje, self.region_path)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope_queryset(queryset, coordinated_kraje(request.user))


class RegionScopedAdmin(RegionScopedMixin, admin.ModelAdmin):
    """Rows, choices, filters, actions and history limited to the kraje a coordinator manages (see above)."""

    def get_list_filter(self, request):
        """Related filters offer only the values of the person's own rows (kraj filters show their kraje)."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [self._related_only(item) for item in filters]

    def _related_only(self, item):
        if not isinstance(item, str):
            return item
        try:
            field = self.model._meta.get_field(item) if "__" not in item else None
            if field is None:
                model = _target_model(self.model, item.rsplit("__", 1)[0])
                field = model._meta.get_field(item.rsplit("__", 1)[1])
        except (FieldDoesNotExist, AttributeError):
            return item
        if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
            return (item, admin.RelatedOnlyFieldListFilter)
        return item

    def _scoped_object_or_404(self, request, object_id):
        """History pages read historical rows directly: check the live object is in scope first (a malformed id
        is not found either)."""
        if request.user.is_superuser:
            return  # superusers may read the history of deleted records too
        try:
            found = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            found = False
        if not found:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's "revert to this version" page: only for objects in the person's region.
        self._scoped_object_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class RegionScopedInline(AccessibleWidgetsMixin, ScopedChoicesMixin):
    """Mix into TabularInline / StackedInline: the inline's choices are scoped like the parent's, and every
    field of a table row is named for assistive technology (a tabular inline shows labels only as column
    headers, which are not associated with the inputs)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for field in formset.form.base_fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")

        return LabelledFormSet


class ImportExportPermissions:
    """For django-import-export admins: export what one may view (the change list's region-scoped queryset,
    with its filters and search), import only with add and change permission; CSV and XLSX; the resource gets
    the person (to scope its lookups); one bad row and nothing of the file is saved. The export form is the
    plain one: the field picker's "select all" box has no label (axe)."""

    @property
    def export_form_class(self):
        from import_export.forms import ExportForm

        return ExportForm

    def get_export_formats(self):
        # CSV and XLSX whose cells can never run as formulas, and whose escape an import removes again.
        from core.spreadsheets import SafeCSV, SafeXLSX

        return [SafeCSV, SafeXLSX]

    def get_import_formats(self):
        return self.get_export_formats()

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def export_action(self, request):
        """A malformed filter in the export's address answers as the list does: its `?e=1` page."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name)
                + "?e=1")

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {}

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs


class OverflowSafeChangeList(ChangeList):
    """A change list (and import-export's export of it) whose malformed drill-down answers like any other bad
    filter: a date hierarchy year too large for a date (`?starts_at__year=99999999999999999999`) raises
    OverflowError in Django's ChangeList, which only turns ValueError into IncorrectLookupParameters."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class PortalModelAdminMixin:
    """What every admin of the portal does, mixed in by `PortalAdminSite.register` (third-party admins too):

    - an object that does not exist or lies outside the person's scope is *not found* (404) on its change,
      delete and history pages, for GET and POST alike, instead of Django's redirect to the index;
    - a bulk action on rows the person cannot see, or an action they do not have, is refused (404 / 403) and
      changes nothing;
    - crafted list parameters (a date drill-down out of range) answer with the list's `?e=1` page, never 500.
    """

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(_("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?") % {
            "name": opts.verbose_name, "key": object_id})

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if issubclass(changelist, OverflowSafeChangeList):
            return changelist
        return type(changelist.__name__, (OverflowSafeChangeList, changelist), {})

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action and "_save" not in request.POST and action not in self.get_actions(request):
            raise PermissionDenied  # an action the person does not have (Django would just show the list)
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset, **kwargs):
        action = request.POST.get("action")
        if action and action not in self.get_actions(request, **kwargs):
            raise PermissionDenied
        if not request.POST.get("select_across") in {"1", "True", "true"}:
            selected = set(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
            if selected:
                try:
                    found = self.get_queryset(request).filter(pk__in=selected).count()
                except (ValueError, TypeError, ValidationError):
                    found = -1
                if found != len(selected):
                    raise Http404
        return super().response_action(request, queryset, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's "revert to this version" saves a POST with view permission alone: a revert is a
        change, so it needs the change permission on the live record (and a revert the admin allows)."""
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj) or self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PortalAdminSite(admin.AdminSite):
    """The portal's admin site (installed through core.apps.PortalAdminConfig, so `admin.site` is this).

    - One login for everyone: the admin's login page sends people to the site's login (allauth), which has the
      brute-force limits (per account and IP pair) and the way back in by e-mail; signed-in people without
      staff status get 403 instead of a second login form.
    - Every registered admin gets `PortalModelAdminMixin`, so no admin can forget the rules above.
    """

    site_header = _("Social services portal — administration")
    site_title = _("Social services portal")
    index_title = _("Records of the region")

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PortalModelAdminMixin):
            admin_class = type(admin_class.__name__, (PortalModelAdminMixin, admin_class),
                               {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__})
        return super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        target = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME),
                           reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(target)
            raise PermissionDenied
        return redirect_to_login(target, reverse("account_login"))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def refuse_people_without_staff_status(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                if request.path != reverse("admin:logout", current_app=self.name):
                    raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(refuse_people_without_staff_status, view)
