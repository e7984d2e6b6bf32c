from django.urls import path

from assessments.views import framework as views

app_name = "framework"

urlpatterns = [
    path("", views.FrameworkIndexView.as_view(), name="index"),
    path("domains/<slug:code>/", views.DomainDetailView.as_view(), name="domain"),
    path("principles/<slug:code>/", views.PrincipleDetailView.as_view(), name="principle"),
]
