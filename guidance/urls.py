from . import care_urls, caseload_urls, intake_urls

app_name = "guidance"

# Mounted at /guidance/: intake (single entry, list imports), cares with
# their plans, transfers and ends, templates and training; and caseloads.
urlpatterns = (
    intake_urls.urlpatterns + care_urls.urlpatterns + caseload_urls.urlpatterns
)
