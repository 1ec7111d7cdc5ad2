"""Public pages of planning (plans list, plan, measure, yearly action plan and evaluation, consultation with the
settlement table, kraj overview, municipalities of a locality, feed, downloads) and the planners' POSTs (a plan's
next step, settling a comment). Every list runs a fixed number of queries: progress of all measures of a page is
computed in one batch (planning/indicators.py)."""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coalitions.models import AgendaItem, Meeting
from core import uploads
from core.pagecache import cache_public_page
from core.pagination import paginate
from core.ratelimit import is_rate_limited
from core.spreadsheets import spreadsheet_export
from planning import importer, indicators, permissions
from planning.filters import PlanFilter
from planning.forms import CommentForm, SettleForm, StepForm
from planning.models import (
    Activity,
    Comment,
    Funding,
    IndicatorValue,
    Measure,
    Plan,
    PlanningError,
    PlanningLocality,
    PlanTransition,
)
from territory.models import Kraj, Obec

SECTIONS = ("planning", "registry", "coalitions", "codelists", "people")


def _get_plan_for_user(request, slug) -> Plan:
    """A plan the person may see: drafts only for those who manage them (404 for everyone else)."""
    plan = get_object_or_404(Plan.objects.select_related("kraj", "locality", "steering_group"), slug=slug)
    if not permissions.can_see_plan(request.user, plan):
        raise Http404
    return plan


def _measures_with_progress(plan):
    measures = (Measure.objects.for_progress().filter(priority__plan=plan)
                .prefetch_related("target_groups", "service_types").order_by("priority__number", "number", "pk"))
    return indicators.annotate_progress(measures)


@cache_public_page(*SECTIONS)
def plan_list(request):
    filterset = PlanFilter(request.GET, queryset=Plan.objects.public().for_listing())
    page, pagination = paginate(request, filterset.qs, query=filterset.query_without_page())
    plans = list(page)
    # Measures per plan and state, one query for the page.
    counts = defaultdict(int)
    for row in (Measure.objects.filter(priority__plan__in=plans).values("priority__plan")
                .annotate(n=Count("pk")).order_by()):
        counts[row["priority__plan"]] = row["n"]
    for plan in plans:
        plan.measure_count = counts[plan.pk]
    return render(request, "planning/plan_list.html", {
        **pagination, "form": filterset.form, "plans": plans,
        "kraje": Kraj.objects.filter(pk__in=Plan.objects.public().values("kraj")),
    })


@cache_public_page(*SECTIONS)
def plan_detail(request, slug):
    plan = _get_plan_for_user(request, slug)
    measures = _measures_with_progress(plan)
    priorities = list(plan.priorities.all())
    by_priority = defaultdict(list)
    for measure in measures:
        by_priority[measure.priority_id].append(measure)
    contributions = defaultdict(list)
    if plan.is_kraj_plan:
        contributing = indicators.annotate_progress(
            Measure.objects.for_progress().filter(contributes_to__plan=plan).exclude(
                priority__plan__state=Plan.State.DRAFT).order_by("priority__plan__title", "priority__number",
                                                                  "number"))
        for measure in contributing:
            contributions[measure.contributes_to_id].append(measure)
    for priority in priorities:
        priority.measure_list = by_priority[priority.pk]
        priority.contributing = contributions[priority.pk]
        priority.counts = indicators.status_counts(priority.measure_list)
    comment_count = plan.comments.visible().count() if plan.state != Plan.State.DRAFT else 0
    manages = permissions.can_manage_plan(request.user, plan)
    next_state = plan.next_state()
    return render(request, "planning/plan_detail.html", {
        "plan": plan, "priorities": priorities, "counts": indicators.status_counts(measures),
        "measure_count": len(measures), "comment_count": comment_count,
        "working_groups": list(plan.working_groups.all()),
        "transitions": list(plan.transitions.select_related("by")),
        "years": plan.years, "manages": manages,
        "next_state": Plan.State(next_state) if next_state else None,
        "step_form": StepForm(initial={"to_state": next_state}) if manages and next_state else None,
        "consultation_open": plan.consultation_is_open(),
    })


@cache_public_page(*SECTIONS)
def measure_detail(request, slug, pk):
    plan = _get_plan_for_user(request, slug)
    measure = get_object_or_404(
        Measure.objects.for_progress().filter(priority__plan=plan).select_related("contributes_to__plan")
        .prefetch_related("target_groups", "service_types", "orps", "obce", "funding",
                          Prefetch("meetings", queryset=Meeting.objects.published().select_related("coalition")
                                   .order_by("-starts_at")),
                          Prefetch("agenda_items", queryset=AgendaItem.objects.filter(meeting__published=True)
                                   .select_related("meeting__coalition"))), pk=pk)
    indicators.annotate_progress([measure])
    history = defaultdict(list)
    for value in IndicatorValue.objects.filter(indicator__measure=measure).order_by("measured_on"):
        history[value.indicator_id].append(value)
    for progress in measure.progresses:
        progress.history = history[progress.indicator.pk]
        progress.chart = _chart(progress)
    comments = list(measure.comments.visible().select_related("author")) if plan.state != Plan.State.DRAFT else []
    # The meetings where it was discussed: linked directly, or through an item of their agenda (newest first).
    discussed = {meeting.pk: {"meeting": meeting, "items": []} for meeting in measure.meetings.all()}
    for item in measure.agenda_items.all():
        discussed.setdefault(item.meeting_id, {"meeting": item.meeting, "items": []})["items"].append(item)
    meetings = sorted(discussed.values(), key=lambda entry: entry["meeting"].starts_at, reverse=True)
    return render(request, "planning/measure_detail.html", {
        "plan": plan, "measure": measure, "comments": comments, "meetings": meetings,
        "funding": list(measure.funding.all()),
        "consultation_open": plan.consultation_is_open(),
        "settlement_published": plan.settlement_is_published,
    })


def _chart(progress, width=560, height=180):
    """Bars of an indicator's history (and today's value), scaled to the highest of values and target; the
    same numbers are in the table next to the chart."""
    points = [(value.measured_on, value.value) for value in progress.history]
    today = timezone.localdate()
    if progress.current is not None and progress.indicator.is_computed and (not points or points[-1][0] != today):
        points.append((today, progress.current))
    if not points:
        return None
    points = points[-12:]
    top = max([p[1] for p in points] + [progress.target or 0, progress.baseline or 0]) or Decimal(1)
    bar = (width - 40) / len(points)
    bars = []
    for index, (day, value) in enumerate(points):
        bar_height = float(value / top) * (height - 40) if top else 0
        bars.append({"x": round(20 + index * bar + bar * 0.15, 1), "width": round(bar * 0.7, 1),
                     "y": round(height - 20 - bar_height, 1), "height": round(bar_height, 1), "day": day,
                     "value": value, "label_y": round(height - 24 - bar_height, 1),
                     "text_x": round(20 + index * bar + bar / 2, 1)})
    target_y = None
    if progress.target is not None:
        target_y = round(height - 20 - float(progress.target / top) * (height - 40), 1)
    return {"width": width, "height": height, "bars": bars, "target_y": target_y, "baseline_y": height - 20}


@cache_public_page(*SECTIONS)
def year_report(request, slug, year, evaluation=False):
    """The yearly action plan (what is due in the year) or its evaluation (what was done, indicator values)."""
    plan = _get_plan_for_user(request, slug)
    if year not in plan.years:
        raise Http404
    measures = [m for m in _measures_with_progress(plan)
                if (m.starts_on is None or m.starts_on.year <= year) and (m.ends_on is None or m.ends_on.year >= year)]
    funding = defaultdict(lambda: {"expected": Decimal(0), "spent": Decimal(0), "has_spent": False})
    for row in Funding.objects.filter(
            measure__priority__plan=plan, year=year):
        funding[row.measure_id]["expected"] += row.expected
        if row.spent is not None:
            funding[row.measure_id]["spent"] += row.spent
            funding[row.measure_id]["has_spent"] = True
    year_values = {}
    if evaluation:
        for value in IndicatorValue.objects.filter(indicator__measure__priority__plan=plan,
                                                   measured_on__year=year).order_by("measured_on"):
            year_values[value.indicator_id] = value  # the newest of the year wins
    totals = {"expected": Decimal(0), "spent": Decimal(0)}
    activity_counts = defaultdict(int)
    for measure in measures:
        measure.year_activities = [a for a in measure.activities.all() if a.year == year]
        measure.money = funding[measure.pk]
        totals["expected"] += measure.money["expected"]
        totals["spent"] += measure.money["spent"]
        for activity in measure.year_activities:
            activity_counts[activity.status] += 1
        for progress in measure.progresses:
            progress.year_value = year_values.get(progress.indicator.pk)
    return render(request, "planning/year_report.html", {
        "plan": plan, "year": year, "measures": measures, "evaluation": evaluation, "totals": totals,
        "counts": indicators.status_counts(measures),
        "activity_counts": [(label, activity_counts[value]) for value, label in
                            Activity.Status.choices],
        "generated_on": timezone.localdate(),
    })


def evaluation_report(request, slug, year):
    return year_report(request, slug, year, evaluation=True)


@cache_public_page(*SECTIONS)
def consultation(request, slug):
    plan = _get_plan_for_user(request, slug)
    if plan.state == Plan.State.DRAFT:
        raise Http404
    comments = list(plan.comments.visible().select_related("author", "measure__priority", "settled_by"))
    measures = list(Measure.objects.filter(priority__plan=plan).select_related("priority")
                    .order_by("priority__number", "number"))
    form = None
    if permissions.can_comment(request.user, plan):
        initial = next((m for m in measures if str(m.pk) == request.GET.get("opatreni")), None)
        form = CommentForm(plan=plan, measures=measures, initial_measure=initial)
    manages = permissions.can_manage_plan(request.user, plan)
    return render(request, "planning/consultation.html", {
        "plan": plan, "comments": comments, "form": form, "manages": manages and not plan.settlement_is_published,
        "settle_choices": SettleForm.base_fields["outcome"].choices,
        "pending": sum(1 for c in comments if not c.is_settled),
        "consultation_open": plan.consultation_is_open(),
    })


@require_POST
@login_required
def comment_create(request, slug):
    plan = _get_plan_for_user(request, slug)
    if is_rate_limited(request, "planning-comment", limit=10, period=3600, key=str(request.user.pk)):
        messages.error(request, _("You have sent many comments in a short time; try again later."))
        return redirect("planning:consultation", slug=plan.slug)
    measures = list(Measure.objects.filter(priority__plan=plan).select_related("priority")
                    .order_by("priority__number", "number"))
    form = CommentForm(request.POST, plan=plan, measures=measures)
    if not permissions.can_comment(request.user, plan):
        raise PermissionDenied
    if form.is_valid():
        try:
            comment = Comment.submit(plan=plan, author=request.user, text=form.cleaned_data["text"],
                                     organisation=form.cleaned_data["organisation"], **form.cleaned_data["target"])
        except PlanningError as error:
            messages.error(request, error.message)
            return redirect("planning:consultation", slug=plan.slug)
        messages.success(request, _("Thank you. Your comment was recorded; the planners will answer it in the "
                                    "settlement table."))
        return redirect(comment.get_absolute_url())
    comments = list(plan.comments.visible().select_related("author", "measure__priority", "settled_by"))
    return render(request, "planning/consultation.html", {
        "plan": plan, "comments": comments, "form": form, "manages": False,
        "pending": sum(1 for c in comments if not c.is_settled), "consultation_open": True,
    })


@require_POST
@login_required
def comment_settle(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("plan"), pk=pk, is_hidden=False)
    if not permissions.can_see_plan(request.user, comment.plan):
        raise Http404
    if not permissions.can_settle(request.user, comment):
        raise PermissionDenied
    form = SettleForm(request.POST)
    if form.is_valid():
        try:
            comment.settle(by=request.user, **form.cleaned_data)
        except PlanningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The comment is settled."))
        return redirect(comment.get_absolute_url())
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(comment.get_absolute_url())


@require_POST
@login_required
def plan_step(request, slug):
    plan = _get_plan_for_user(request, slug)
    if not permissions.can_manage_plan(request.user, plan):
        raise PermissionDenied
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the dates and texts of the step."))
        return redirect(plan)
    try:
        plan.take_step(form.cleaned_data["to_state"], by=request.user, **form.step_data())
    except PlanningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The plan is now “%(state)s”.") % {"state": plan.get_state_display()})
    return redirect(plan)


def plan_document(request, slug):
    """The adopted document, for whoever may see the plan (drafts' documents only for their planners)."""
    plan = _get_plan_for_user(request, slug)
    if not plan.document:
        raise Http404
    file_type = uploads.FILE_TYPES.get(plan.document_type)
    try:
        handle = plan.document.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    extension = file_type.extension if file_type else "bin"
    response = FileResponse(handle, as_attachment=True,
                            filename=f"{get_valid_filename(plan.slug)[:80] or 'plan'}.{extension}",
                            content_type=file_type.content_type if file_type else "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if plan.is_draft else "public, max-age=600"
    return response


@spreadsheet_export
def plan_export(request, slug, file_format):
    plan = _get_plan_for_user(request, slug)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    return importer.export_response(plan, file_format)


@cache_public_page(*SECTIONS)
def kraj_overview(request, code):
    """Every planning locality of a kraj × its current plan's state × its measures on track / late / done, and
    the coverage of community planning across the kraj's municipalities."""
    kraj = get_object_or_404(Kraj, pk=code)
    localities = list(PlanningLocality.objects.filter(kraj=kraj).prefetch_related("orps")
                      .annotate(involved=Count("involved_obce", distinct=True)).order_by("name"))
    plans = list(Plan.objects.public().filter(kraj=kraj).select_related("locality")
                 .order_by("locality_id", "-period_start"))
    current = {}
    for plan in plans:
        current.setdefault(plan.locality_id, plan)  # the newest plan of each locality (None: the kraj's)
    measures = indicators.annotate_progress(
        Measure.objects.for_progress().filter(priority__plan__in=list(current.values())))
    by_plan = defaultdict(list)
    for measure in measures:
        by_plan[measure.priority.plan_id].append(measure)
    obce_per_locality = defaultdict(int)
    for row in (Obec.objects.filter(orp__planning_localities__in=localities)
                .values("orp__planning_localities").annotate(n=Count("pk", distinct=True)).order_by()):
        obce_per_locality[row["orp__planning_localities"]] = row["n"]
    rows = []
    for locality in localities:
        plan = current.get(locality.pk)
        rows.append({"locality": locality, "plan": plan,
                     "counts": indicators.status_counts(by_plan[plan.pk]) if plan else None,
                     "obce": obce_per_locality[locality.pk], "involved": locality.involved})
    kraj_plan = current.get(None)
    total_obce = Obec.objects.filter(orp__kraj=kraj).count()
    covered = sum(row["involved"] for row in rows)
    return render(request, "planning/kraj_overview.html", {
        "kraj": kraj, "rows": rows, "kraj_plan": kraj_plan,
        "kraj_counts": indicators.status_counts(by_plan[kraj_plan.pk]) if kraj_plan else None,
        "total_obce": total_obce, "covered": covered,
    })


@cache_public_page(*SECTIONS)
def locality_detail(request, pk):
    """A planning locality: its plans, current phase, and the municipalities that take part and those that don't."""
    locality = get_object_or_404(PlanningLocality.objects.select_related("kraj").prefetch_related("orps"), pk=pk)
    involved = set(locality.involved_obce.values_list("pk", flat=True))
    obce = list(Obec.objects.filter(orp__in=locality.orps.all()).select_related("orp").order_by("name", "code"))
    for obec in obce:
        obec.involved = obec.pk in involved
    return render(request, "planning/locality_detail.html", {
        "locality": locality, "obce": obce, "involved_count": sum(1 for o in obce if o.involved),
        "plans": list(locality.plans.public().order_by("-period_start")),
    })


@method_decorator(cache_public_page("planning"), name="__call__")
class ConsultationFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Plans of social services in public consultation")
    description = gettext_lazy("Mid-term and community plans of social services open for comments, newest first.")

    def link(self):
        return reverse("planning:index")

    def items(self):
        return (PlanTransition.objects.filter(to_state=Plan.State.CONSULTATION).select_related("plan")
                .order_by("-at")[:50])

    def item_title(self, item):
        return item.plan.title

    def item_description(self, item):
        plan = item.plan
        return _("Comments are taken from %(starts)s to %(ends)s.") % {
            "starts": plan.consultation_starts.strftime("%d. %m. %Y") if plan.consultation_starts else "—",
            "ends": plan.consultation_ends.strftime("%d. %m. %Y") if plan.consultation_ends else "—"}

    def item_link(self, item):
        return reverse("planning:consultation", args=[item.plan.slug])

    def item_guid(self, item):
        return f"planning-consultation-{item.pk}"

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
