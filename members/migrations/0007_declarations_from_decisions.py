"""Every interest declared with a decision before declarations were records of their own (the text on the
decision) becomes a Declaration of that request, as 'another interest': whether it was a disclosable pecuniary
interest was never asked. The decision keeps its text too."""

from django.db import migrations


def forwards(apps, schema_editor):
    ApprovalDecision = apps.get_model("members", "ApprovalDecision")
    Declaration = apps.get_model("members", "Declaration")
    ContentType = apps.get_model("contenttypes", "ContentType")
    request_type, _ = ContentType.objects.get_or_create(app_label="members", model="approvalrequest")
    found = ApprovalDecision.objects.filter(conflict_declared=True).select_related("request")
    Declaration.objects.bulk_create(
        [
            Declaration(
                member_id=d.approver_id,
                matter_type_id=request_type.pk,
                matter_id=d.request_id,
                strategy_id=d.request.strategy_id,
                kind="other",
                details=d.conflict_details or "(no details were given)",
                declared_by_id=d.approver_id,
                declared_at=d.decided_at,
            )
            for d in found.iterator(chunk_size=500)
        ],
        batch_size=500,
    )


def backwards(apps, schema_editor):
    # The decisions still hold the text: the rows made here are the ones of kind 'other' declared at decisions.
    ApprovalDecision = apps.get_model("members", "ApprovalDecision")
    Declaration = apps.get_model("members", "Declaration")
    for d in ApprovalDecision.objects.filter(conflict_declared=True):
        Declaration.objects.filter(
            member_id=d.approver_id, matter_id=d.request_id, kind="other", declared_at=d.decided_at
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0006_interests_dispensations_declarations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
