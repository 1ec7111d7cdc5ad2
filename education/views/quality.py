"""Managed self-assessment: a provider's rounds, the rating of each criterion (with evidence and notes), the
methodologist's comments, consultations, completing the round, and the development plan with its progress. Private
to the provider and the methodologists of its kraj: anyone else is "not found"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.markdown import render_markdown
from education import ics, permissions
from education.forms import (
    CommentForm,
    ConsultationForm,
    DevelopmentActionForm,
    RatingForm,
    StartRoundForm,
    rating_formset,
)
from education.models import (
    RATING_SCORE,
    Consultation,
    CriterionRating,
    DevelopmentAction,
    Programme,
    Rating,
    RoundError,
    SelfAssessmentRound,
)
from education.views.organisation import provider_to_manage


def round_for_user(request, pk, queryset=None) -> SelfAssessmentRound:
    queryset = queryset if queryset is not None else SelfAssessmentRound.objects.select_related("provider")
    round_ = get_object_or_404(queryset, pk=pk)
    if not permissions.can_see_round(request.user, round_):
        raise Http404  # a provider's self-assessment does not exist for anyone else
    return round_


@login_required
@require_safe
def rounds(request):
    """The rounds the person may see: their providers' and, for a methodologist, those of the kraj's providers."""
    user = request.user
    visible = list(SelfAssessmentRound.objects.filter(permissions.visible_rounds_q(user)).distinct()
                   .select_related("provider").order_by("provider__name", "-started_on", "-pk"))
    managed = list(permissions.managed_providers(user).order_by("name", "pk"))
    if not visible and not managed and not permissions.is_methodologist(user):
        raise PermissionDenied
    return render(request, "education/rounds.html", {"rounds": visible, "providers": managed})


@login_required
@require_http_methods(["GET", "POST"])
def round_start(request, provider):
    provider = provider_to_manage(request, provider)
    form = StartRoundForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        round_ = SelfAssessmentRound.start(provider=provider, services=form.cleaned_data["services"],
                                          title=form.cleaned_data["title"], by=request.user)
        messages.success(request, _("The round is started: rate every criterion, standard by standard."))
        return redirect(round_)
    return render(request, "education/round_start.html", {"provider": provider, "form": form},
                  status=400 if form.errors else 200)


def change_since(rating, previous) -> str:
    """"better", "worse", "same" or "" (no previous rating to compare, or not comparable)."""
    if previous is None or rating.score is None or RATING_SCORE.get(previous) is None:
        return ""
    before = RATING_SCORE[previous]
    return "better" if rating.score > before else "worse" if rating.score < before else "same"


@login_required
@require_safe
def round_detail(request, pk):
    round_ = round_for_user(request, pk, SelfAssessmentRound.objects.select_related("provider", "previous"))
    user = request.user
    ratings = list(round_.ratings.select_related("criterion__standard", "commented_by"))
    previous = (dict(CriterionRating.objects.filter(round=round_.previous_id).values_list("criterion_id", "rating"))
                if round_.previous_id else {})
    standards, changes = [], {"better": 0, "worse": 0, "same": 0}
    for rating in ratings:
        rating.before = previous.get(rating.criterion_id)
        rating.before_label = Rating(rating.before).label if rating.before else ""
        rating.change = change_since(rating, rating.before)
        if rating.change:
            changes[rating.change] += 1
        if not standards or standards[-1][0].pk != rating.criterion.standard_id:
            standards.append((rating.criterion.standard, []))
        standards[-1][1].append(rating)
    counts = {value: sum(1 for r in ratings if r.rating == value) for value in Rating.values}
    weak = {r.criterion.standard_id for r in ratings if r.rating in (Rating.NOT_FULFILLED, Rating.PARTLY)}
    actions = list(round_.actions.prefetch_related("criteria", "programmes").order_by("deadline", "pk"))
    return render(request, "education/round_detail.html", {
        "round": round_, "provider": round_.provider, "standards": standards,
        "summary": [(label, counts[value]) for value, label in Rating.choices],
        "unrated": sum(1 for r in ratings if not r.rating),
        "changes": changes, "actions": actions,
        "services": list(round_.services.select_related("service_type").order_by("name")),
        "consultations": list(round_.consultations.select_related("held_by").order_by("starts_at", "pk")),
        "suggested": (list(Programme.objects.published().with_upcoming_terms().supporting(weak)
                           .order_by("title", "pk")[:5]) if weak else []),
        "can_edit": permissions.can_edit_round(user, round_), "can_comment": permissions.can_comment_round(user,
                                                                                                          round_),
        "can_plan": permissions.can_plan(user, round_), "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def round_standard(request, pk, number):
    """One standard's criteria: the provider rates them (evidence, notes) while the round is in progress; a
    methodologist comments on them."""
    round_ = round_for_user(request, pk)
    user = request.user
    if permissions.can_edit_round(user, round_):
        form_class, commenting = RatingForm, False
    elif permissions.can_comment_round(user, round_):
        form_class, commenting = CommentForm, True
    else:
        raise PermissionDenied  # seen, not changed (a completed round, for its provider)
    ratings = (round_.ratings.filter(criterion__standard__number=number)
               .select_related("criterion__standard").order_by("criterion__order", "criterion__code"))
    first = ratings.first()
    if first is None:
        raise Http404
    standard = first.criterion.standard
    FormSet = rating_formset(form_class)
    formset = FormSet(request.POST or None, queryset=ratings, prefix="ratings")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for rating in formset.save(commit=False):  # changed rows of this standard only (edit_only)
                if commenting:
                    rating.commented_by, rating.commented_at = user, timezone.now()
                rating._history_user = user
                rating.save()
        messages.success(request, _("Standard %(number)s is saved.") % {"number": standard.number})
        return redirect(f"{round_.get_absolute_url()}#standard-{standard.number}")
    return render(request, "education/round_standard.html", {
        "round": round_, "standard": standard, "formset": formset, "commenting": commenting,
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def round_complete(request, pk):
    round_ = round_for_user(request, pk)
    if not permissions.can_edit_round(request.user, round_):
        raise PermissionDenied
    try:
        round_.complete(by=request.user)
    except RoundError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The round is completed. Its development plan goes on."))
    return redirect(round_)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk):
    round_ = round_for_user(request, pk)
    if not permissions.can_plan(request.user, round_):
        raise PermissionDenied
    return _action_form(request, round_, DevelopmentAction(round=round_))


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = get_object_or_404(DevelopmentAction.objects.select_related("round__provider"), pk=pk)
    round_ = action.round
    if not permissions.can_see_round(request.user, round_):
        raise Http404
    if not permissions.can_plan(request.user, round_):
        raise PermissionDenied
    return _action_form(request, round_, action)


def _action_form(request, round_, action):
    form = DevelopmentActionForm(request.POST or None, instance=action, round_=round_)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, _("The action of the development plan is saved."))
        return redirect(f"{round_.get_absolute_url()}#plan")
    return render(request, "education/action_form.html", {
        "round": round_, "form": form, "action": action, "is_new": action.pk is None,
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request, pk):
    round_ = round_for_user(request, pk)
    if not permissions.can_comment_round(request.user, round_):
        raise PermissionDenied
    return _consultation_form(request, round_, Consultation(round=round_, held_by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    """A consultation: the round's people read it; a methodologist edits it (and its conclusions)."""
    consultation = get_object_or_404(Consultation.objects.select_related("round__provider", "held_by"), pk=pk)
    round_ = consultation.round
    if not permissions.can_see_round(request.user, round_):
        raise Http404
    if permissions.can_comment_round(request.user, round_):
        return _consultation_form(request, round_, consultation)
    if request.method == "POST":
        raise PermissionDenied
    return render(request, "education/consultation_detail.html", {
        "round": round_, "consultation": consultation, "conclusions": render_markdown(consultation.conclusions),
    })


def _consultation_form(request, round_, consultation):
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The consultation is saved."))
        return redirect(f"{round_.get_absolute_url()}#consultations")
    return render(request, "education/consultation_form.html", {
        "round": round_, "form": form, "consultation": consultation, "is_new": consultation.pk is None,
    }, status=400 if form.errors else 200)


@login_required
@require_safe
def consultation_ics(request, pk):
    consultation = get_object_or_404(Consultation.objects.select_related("round__provider"), pk=pk)
    if not permissions.can_see_round(request.user, consultation.round):
        raise Http404
    title = _("Consultation on the self-assessment: %(provider)s") % {"provider": consultation.round.provider.name}
    response = ics.ics_response(title, [ics.consultation_entry(consultation, title)],
                                f"konzultace-{consultation.pk}.ics")
    response["Cache-Control"] = "private, no-store"
    return response

