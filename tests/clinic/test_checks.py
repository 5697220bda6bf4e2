"""The deploy check that tells an operator the PDFs would be slow before a patient waits for one."""

from django.core.checks import run_checks
from weasyprint.text import ffi


def deploy_warnings():
    return [message.id for message in run_checks(include_deployment_checks=True) if message.id.startswith("clinic.")]


def test_a_server_without_harfbuzzs_subsetter_is_warned(monkeypatch):
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert "clinic.W002" in deploy_warnings()


def test_a_server_with_the_pdf_libraries_passes():
    assert ffi.harfbuzz_subset is not None, "install libharfbuzz-subset0 (make install does so as root)"
    assert deploy_warnings() == []
