"""The pages anyone with a feedback round's link answers on, under /f/<token>/."""

from django.urls import path

from voices.views import public

app_name = "feedback"

urlpatterns = [
    path("", public.StartView.as_view(), name="start"),
    path("answer/", public.AnswerView.as_view(), name="answer"),
    path("thanks/", public.ThanksView.as_view(), name="thanks"),
]
