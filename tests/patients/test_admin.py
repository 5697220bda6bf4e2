import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [model for model in admin.site._registry if model._meta.app_label == "patients"])
def test_every_record_model_has_a_searchable_admin_list(admin_client, full_record, model):
    url = reverse(f"admin:patients_{model._meta.model_name}_changelist")
    assert admin_client.get(url, {"q": "a"}).status_code == 200
    instance = model.objects.first()
    assert (
        admin_client.get(reverse(f"admin:patients_{model._meta.model_name}_change", args=[instance.pk])).status_code
        == 200
    )
