from django.urls import path

from . import views
from .feeds import LatestCasesFeed

app_name = "practices"

# Slugs are Unicode (Chinese): <str:slug>, since <slug:slug> only matches ASCII.
urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("cases/", views.case_list, name="practice_list"),
    path("cases/<str:slug>/", views.practice_detail, name="practice_detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag_detail"),
    path("feeds/cases/", LatestCasesFeed(), name="case_feed"),
]
