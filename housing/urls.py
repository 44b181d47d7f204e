from django.urls import path

from . import inspection_views, register_views

app_name = "housing"
urlpatterns: list = [
    # The register (accommodations, occupancy, social care, care ratio).
    path("", register_views.accommodation_list, name="accommodation_list"),
    path("new/", register_views.accommodation_create, name="accommodation_create"),
    path("<int:pk>/", register_views.accommodation_detail, name="accommodation_detail"),
    path(
        "<int:pk>/edit/", register_views.accommodation_edit, name="accommodation_edit"
    ),
    path("<int:pk>/occupancy/", register_views.occupancy_add, name="occupancy_add"),
    path("<int:pk>/staffing/", register_views.staffing_add, name="staffing_add"),
    path("settings/", register_views.settings_edit, name="settings"),
    # Minimum standards and inspections.
    path("standards/", inspection_views.catalogue, name="catalogue"),
    path(
        "standards/history/",
        inspection_views.catalogue_history,
        name="catalogue_history",
    ),
    path(
        "standards/<int:pk>/",
        inspection_views.catalogue_version,
        name="catalogue_version",
    ),
    path(
        "standards/<int:pk>/new/",
        inspection_views.standard_create,
        name="standard_create",
    ),
    path(
        "standards/<int:pk>/<int:standard>/edit/",
        inspection_views.standard_edit,
        name="standard_edit",
    ),
    path(
        "standards/<int:pk>/<int:standard>/remove/",
        inspection_views.standard_remove,
        name="standard_remove",
    ),
    path(
        "<int:pk>/inspections/new/",
        inspection_views.inspection_create,
        name="inspection_create",
    ),
    path(
        "inspections/<int:pk>/",
        inspection_views.inspection_detail,
        name="inspection_detail",
    ),
    path(
        "inspections/<int:pk>/edit/",
        inspection_views.inspection_edit,
        name="inspection_edit",
    ),
    path(
        "inspections/<int:pk>/findings/",
        inspection_views.inspection_findings,
        name="inspection_findings",
    ),
    path(
        "inspections/<int:pk>/complete/",
        inspection_views.inspection_complete,
        name="inspection_complete",
    ),
    path("inspections/<int:pk>/photos/", inspection_views.photo_add, name="photo_add"),
    path(
        "inspections/<int:pk>/photos/<int:photo>/",
        inspection_views.photo,
        name="photo",
    ),
    path(
        "inspections/<int:pk>/photos/<int:photo>/remove/",
        inspection_views.photo_remove,
        name="photo_remove",
    ),
    path(
        "inspections/<int:pk>/deficiencies/new/",
        inspection_views.deficiency_create,
        name="deficiency_create",
    ),
    path(
        "inspections/<int:pk>/deficiencies/<int:deficiency>/remove/",
        inspection_views.deficiency_remove,
        name="deficiency_remove",
    ),
    path(
        "inspections/<int:pk>/deficiencies/<int:deficiency>/settle/",
        inspection_views.deficiency_settle,
        name="deficiency_settle",
    ),
]
