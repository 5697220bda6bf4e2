"""The built-in exercise library used to be loaded here; it now loads from programs/data/builtin_exercises.toml.

`programs.services.library.builtin_library_sync` runs after every `migrate` (ProgramsConfig), so a text fix
is a change to the data file. This migration stays, empty, so that existing databases keep their history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = []
