"""Pages of 复核: the review queue with the upload form, a file's review page, the 复核意见 form."""

from django.urls import path

from jixiao.web.reviews import views

urlpatterns = [
    path("reviews/", views.documents, name="reviews"),
    path("reviews/review.js", views.script, name="review-script"),
    path("reviews/<int:document_id>/", views.review, name="review"),
    path("reviews/<int:document_id>/decision/", views.record, name="review-record"),
]
