"""Who may do what in planning. Views and templates ask these functions, never groups.

- The public sees every plan that has left the draft, its structure, progress, documents and the consultation;
  the settlement table once the plan is adopted (while the consultation runs, each comment shows its answer).
- Anyone signed in comments on a plan in consultation, within its period (Comment.submit enforces it).
- A kraj's regional coordinators manage the kraj's mid-term plan and every plan in the kraj, its localities and
  their planning coordinators; a planning coordinator (the role an assignment gives) manages only the plans of
  their localities. Managing = editing in the admin, taking the plan's steps, settling comments.
"""

from accounts import roles


def can_manage_plan(user, plan) -> bool:
    return plan.is_managed_by(user)


def can_see_plan(user, plan) -> bool:
    return not plan.is_draft or can_manage_plan(user, plan)


def can_comment(user, plan) -> bool:
    return user.is_authenticated and user.is_active and plan.consultation_is_open()


def can_settle(user, comment) -> bool:
    return not comment.plan.settlement_is_published and can_manage_plan(user, comment.plan)


def is_planning_coordinator(user) -> bool:
    return user.is_authenticated and user.has_role(roles.PLANNING_COORDINATOR)


_STRUCTURE = ("priority", "measure", "activity", "funding", "indicator", "indicatorvalue")

# The admin permissions the roles need (gathered by accounts.roles.role_permissions()); scoped in planning/admin.py.
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        *roles.model_perms("planning", "planninglocality", "view", "add", "change"),
        *roles.model_perms("planning", "coordinatorassignment", "view", "add", "change", "delete"),
        *roles.model_perms("planning", "plan", "view", "add", "change"),
        *[perm for model in _STRUCTURE for perm in roles.model_perms("planning", model, "view", "add", "change",
                                                                      "delete")],
        *roles.model_perms("planning", "comment", "view", "change"),
    ],
    roles.PLANNING_COORDINATOR: [
        "planning.view_planninglocality",
        *roles.model_perms("planning", "plan", "view", "add", "change"),
        *[perm for model in _STRUCTURE for perm in roles.model_perms("planning", model, "view", "add", "change",
                                                                      "delete")],
        *roles.model_perms("planning", "comment", "view", "change"),
    ],
}
