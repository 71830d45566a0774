from django.urls import path

from . import views

app_name = "practices"

# Slugs are Unicode (Chinese): <str:slug>, since <slug:slug> only matches ASCII.
urlpatterns = [
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("cases/<str:slug>/", views.practice_detail, name="practice_detail"),
]
