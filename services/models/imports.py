"""Runs of the national registry import, with their report and progress."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRunQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        """Runs limited to one of the kraje, and full runs (they concern every kraj)."""
        links = ImportRun.kraje.through.objects.filter(importrun=OuterRef("pk"))
        return self.filter(Exists(links.filter(kraj__in=kraje)) | ~Exists(links))

    def visible_to(self, user):
        """Superusers see every run; a regional coordinator sees full runs and runs limited to their kraje."""
        from accounts import permissions

        if user.is_superuser:
            return self
        kraje = permissions.coordinated_kraje(user)
        return self.filter(Q(kraje__in=kraje) | Q(kraje__isnull=True)).distinct()


class ImportRun(models.Model):
    """One import of the national registry file (command line or an upload in the admin), with its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        COMMAND = "command", _("Command line")
        UPLOAD = "upload", _("Upload in the administration")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.COMMAND)
    file_name = models.CharField(_("file"), max_length=500, help_text=_("Path, URL or uploaded file name."))
    file = models.FileField(_("uploaded file"), upload_to="imports/%Y/%m/", blank=True)
    kraje = models.ManyToManyField("territory.Kraj", blank=True, related_name="+", verbose_name=_("kraje"),
                                   help_text=_("Empty: the whole registry."))
    dry_run = models.BooleanField(_("dry run"), default=False)
    keep_missing = models.BooleanField(_("keep services missing from the file"), default=False)
    end_missing = models.BooleanField(
        _("end services missing from the file"), default=False,
        help_text=_("Without it, services missing from the file are ended only when the file is complete and "
                    "sane (no broken item, at most a small share of the services would end)."))
    preview = models.BooleanField(_("preview first"), default=False,
                                  help_text=_("An upload first computes what would change; it is applied only "
                                              "when confirmed."))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"))
    changes = models.JSONField(_("changes listed"), default=dict, blank=True,
                               help_text=_("Names of the services created, updated, ended and missing."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("started by"))

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def awaits_confirmation(self) -> bool:
        """A finished preview of an upload that nobody has confirmed yet."""
        return self.preview and self.dry_run and self.status == self.Status.DONE and self.confirmed_at is None

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def confirm(self, user, *, end_missing: bool = False) -> bool:
        """Turn the finished preview into the real import, once: a second confirmation (a form sent twice)
        finds the run already confirmed and returns False. The caller enqueues the run when True."""
        confirmed = ImportRun.objects.filter(
            pk=self.pk, preview=True, dry_run=True, status=self.Status.DONE, confirmed_at__isnull=True,
        ).update(confirmed_at=timezone.now(), confirmed_by=user, dry_run=False, end_missing=end_missing,
                 status=self.Status.QUEUED, started_at=None, finished_at=None)
        if confirmed:
            self.refresh_from_db()
        return bool(confirmed)

    # Progress of a running import (items read, bytes read of the file's size). It lives in the shared cache:
    # the import's own writes are invisible to other connections until its single transaction commits.
    def _progress_key(self) -> str:
        return f"services:import-progress:{self.pk}"

    def record_progress(self, items: int, done: int, size: int) -> None:
        from django.core.cache import cache

        cache.set(self._progress_key(), {"items": items, "done": done, "size": size}, timeout=24 * 3600)

    @property
    def progress(self) -> dict:
        """{"items", "total" (items expected, known from the preview), "percent" (of the file read)}."""
        from django.core.cache import cache

        state = cache.get(self._progress_key()) or {} if self.in_progress else {}
        size = state.get("size") or 0
        return {"items": state.get("items", 0), "total": (self.counts or {}).get("items"),
                "percent": int(100 * state.get("done", 0) / size) if size else 0}
