from . import money_urls, pool_urls, request_urls

app_name = "mediators"

# Mounted at /mediators/: the pool (mediators, rates, upkeep), requests and
# assignments (with the mediators' own view), and money and demand.
urlpatterns = pool_urls.urlpatterns + request_urls.urlpatterns + money_urls.urlpatterns
