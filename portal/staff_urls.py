from django.urls import path

from . import staff_views as views

app_name = "portal_staff"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("concerns/<int:pk>/answer/", views.answer, name="answer"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("replies/", views.reply_templates, name="reply_templates"),
    path("replies/<int:pk>/", views.reply_template_edit, name="reply_template_edit"),
    path(
        "replies/<int:pk>/delete/",
        views.reply_template_delete,
        name="reply_template_delete",
    ),
]
