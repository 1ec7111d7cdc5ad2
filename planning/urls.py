from django.urls import path, register_converter

from planning import views


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(YearConverter, "year")

app_name = "planning"
urlpatterns = [
    path("planovani/", views.plan_list, name="index"),
    path("planovani/pripominkovani.atom", views.ConsultationFeed(), name="feed-consultation"),
    path("planovani/kraj/<int:code>/", views.kraj_overview, name="kraj-overview"),
    path("planovani/lokalita/<int:pk>/", views.locality_detail, name="locality"),
    path("planovani/pripominka/<int:pk>/vyporadat/", views.comment_settle, name="comment-settle"),
    path("planovani/<slug:slug>/", views.plan_detail, name="plan"),
    path("planovani/<slug:slug>/krok/", views.plan_step, name="plan-step"),
    path("planovani/<slug:slug>/dokument/", views.plan_document, name="plan-document"),
    path("planovani/<slug:slug>/struktura.<str:file_format>", views.plan_export, name="plan-export"),
    path("planovani/<slug:slug>/opatreni/<int:pk>/", views.measure_detail, name="measure"),
    path("planovani/<slug:slug>/akcni-plan/<year:year>/", views.year_report, name="action-plan"),
    path("planovani/<slug:slug>/hodnoceni/<year:year>/", views.evaluation_report, name="evaluation"),
    path("planovani/<slug:slug>/pripominky/", views.consultation, name="consultation"),
    path("planovani/<slug:slug>/pripominky/nova/", views.comment_create, name="comment-create"),
]
