import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()

# Load every view now, then move what the worker holds for its whole life out of the garbage collector's
# reach: a full collection then scans only what requests left behind, a pause of a few milliseconds
# instead of nearly a hundred in the middle of someone's page.
import clinic.urls  # noqa: E402, F401

gc.collect()
gc.freeze()
