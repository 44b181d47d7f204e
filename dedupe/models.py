from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from clients.models import Person


class MergeQuerySet(models.QuerySet["Merge"]):
    def active(self) -> "MergeQuerySet":
        """Merges in force: not undone."""
        return self.filter(undone_at__isnull=True)


class Merge(models.Model):
    """Two records of one person made one: everything of `merged` now
    belongs to `kept`. The merged record stays (hidden, see
    dedupe.merge.merged_away_ids); `record` lists every row moved, dropped
    and field filled so that the merge can be undone exactly. An undone
    merge stays on record."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    # related_name "+": a merge is not something of the person that a
    # later merge should move along (dedupe.merge skips this model).
    kept = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kept record"),
    )
    merged = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged record"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged by"),
    )
    at = models.DateTimeField(_("merged at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    # {"moved": [...], "linked": [...], "own_links": [...], "dropped": [...],
    #  "filled": [...], "cleared": [...]}: see dedupe.merge.
    record = models.JSONField(default=dict, encoder=DjangoJSONEncoder, editable=False)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    objects = MergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("merge of two person records")
        verbose_name_plural = _("merges of person records")
        ordering = ["-at"]
        indexes = [models.Index(fields=["office", "-at"])]
        constraints = [
            # Also when two staff merge the same record at the same moment.
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="merged_away_once",
            ),
            models.CheckConstraint(
                condition=~Q(kept=models.F("merged")), name="merge_of_two_records"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id} ({self.at:%d.%m.%Y})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class PersonKey(models.Model):
    """A blocking key of a person's name (and birth year), stored so that a
    lookup finds its candidates with an index in SQLite and PostgreSQL
    alike (dedupe/keys.py keeps them; dedupe/matching.py makes them)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("search key of a name")
        verbose_name_plural = _("search keys of names")
        # With the person: counting a key and ranking the persons who share
        # keys are answered from the index alone.
        indexes = [
            models.Index(fields=["office", "key", "person"], name="person_key_lookup")
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="person_key_once")
        ]

    def __str__(self) -> str:
        return self.key
