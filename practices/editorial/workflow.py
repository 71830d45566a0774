"""The review workflow: submit, publish, send back, unpublish and comment, each kept and audited.

Every step locks the case, bumps its version (so a form opened before the step is stale), writes a
ReviewComment for the conversation, stores a revision, and records publish/unpublish in the admin log.
"""

import reversion
from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from practices.editorial.locking import StaleVersion, lock_version, stale_message
from practices.editorial.rules import PUBLIC_STATUSES, may_publish
from practices.models import Practice, PublicVersion, ReviewComment
from practices.opendata.versions import ensure_first_version, record_publication

Action = ReviewComment.Action
Status = Practice.Status


# The statuses each step starts from; publishing, returning and unpublishing are the reviewer's.
STEP_FROM = {
    Action.SUBMIT: (Status.DRAFT,),
    Action.PUBLISH: (Status.DRAFT, Status.REVIEW),
    Action.RETURN: (Status.REVIEW,),
    Action.UNPUBLISH: (Status.PUBLISHED,),
}
REVIEWER_STEPS = (Action.PUBLISH, Action.RETURN, Action.UNPUBLISH)


class WorkflowError(Exception):
    """A step that cannot be taken; the message says why, for the user."""


def available_actions(user, practice):
    """The review steps `user` may take on `practice` now, in the order the buttons show."""
    reviewer = may_publish(user)
    steps = [step for step, start in STEP_FROM.items() if practice.status in start]
    return [step for step in steps if reviewer or step not in REVIEWER_STEPS] + [Action.COMMENT]


def audit(user, practice, message):
    """Record a step in the admin log, where reviewers read the audit trail."""
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[practice], action_flag=CHANGE, change_message=str(message), single_object=True
    )


def take_step(
    user, practice, action, text="", publish_at=None, expected_version=None, public_note="", is_erratum=False
):
    """Carry out one review step on `practice` for `user`; returns the updated case.

    Publishing numbers a new public version, with `public_note` (and `is_erratum`) shown to readers.

    Raises WorkflowError (not allowed, missing comment or summary) or StaleVersion when
    `expected_version` is given and the case has been saved since.
    """
    text = (text or "").strip()
    if action not in available_actions(user, practice):
        raise WorkflowError(
            _("你不能对状态为“%(status)s”的案例执行“%(action)s”。")
            % {
                "status": practice.get_status_display(),
                "action": Action(action).label,
            }
        )
    if action in (Action.RETURN, Action.COMMENT) and not text:
        raise WorkflowError(
            _("请写下意见，让编辑知道需要修改什么。") if action == Action.RETURN else _("评论不能为空。")
        )
    with transaction.atomic(), reversion.create_revision():
        if expected_version is None:
            case = Practice.objects.select_for_update().get(pk=practice.pk)
        else:
            case = lock_version(practice.pk, expected_version)
        # Re-check on the locked row: another step may have changed the status meanwhile.
        if action not in available_actions(user, case):
            raise WorkflowError(_("案例状态已变为“%(status)s”，请刷新页面。") % {"status": case.get_status_display()})
        if action != Action.COMMENT:
            ensure_first_version(case)
            _move(case, action, publish_at)
            case.version += 1
            case.updated_by = user
            case.save()
        if action == Action.PUBLISH:
            record_publication(case, public_note, is_erratum)
        ReviewComment.objects.create(practice=case, author=user, action=action, text=text)
        reversion.set_user(user)
        reversion.set_comment(f"{Action(action).label}：{text}" if text else str(Action(action).label))
        if action in (Action.PUBLISH, Action.UNPUBLISH):
            audit(user, case, _step_message(case, action))
    return case


def _move(case, action, publish_at):
    if action == Action.SUBMIT:
        case.status = Status.REVIEW
    elif action == Action.RETURN or action == Action.UNPUBLISH:
        case.status = Status.DRAFT
    elif action == Action.PUBLISH:
        if problems := case.publish_problems():
            raise WorkflowError(" ".join(str(message) for message in problems.values()))
        case.status = Status.PUBLISHED
        # Blank means now, whatever date the case carried before: the publishing time is the reviewer's.
        case.published_at = publish_at or timezone.now()


def _step_message(case, action):
    if action == Action.PUBLISH and case.published_at > timezone.now():
        when = formats.date_format(timezone.localtime(case.published_at), "DATETIME_FORMAT")
        return _("定时发布，%(when)s 公开") % {"when": when}
    return Action(action).label


def record_status_change(user, case, before):
    """A status changed in the case form itself: keep it in the conversation and, if public, in the audit."""
    after = case.status
    if after == Status.PUBLISHED:
        action = Action.PUBLISH
    elif before == Status.PUBLISHED:
        action = Action.UNPUBLISH
    elif after == Status.REVIEW:
        action = Action.SUBMIT
    elif before == Status.REVIEW and after == Status.DRAFT:
        action = Action.RETURN
    else:
        action = Action.COMMENT
    status_note = _("在表单中把状态由“%(before)s”改为“%(after)s”") % {
        "before": Status(before).label,
        "after": Status(after).label,
    }
    ReviewComment.objects.create(practice=case, author=user, action=action, text=str(status_note))
    if before in PUBLIC_STATUSES or after in PUBLIC_STATUSES:
        audit(user, case, status_note)


class ReviewForm(forms.Form):
    """The review panel under a case: a note and one of the buttons for the steps allowed."""

    action = forms.ChoiceField(choices=Action.choices)
    text = forms.CharField(label=_("意见或说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    publish_at = forms.DateTimeField(
        label=_("公开时间"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("留空则立即公开；填写将来的时间即定时发布。"),
    )
    public_note = PublicVersion._meta.get_field("note").formfield()
    is_erratum = PublicVersion._meta.get_field("is_erratum").formfield()
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.practice = user, practice
        self.actions = [(a, Action(a).label) for a in available_actions(user, practice)]
        self.fields["action"].choices = self.actions
        self.fields["base_version"].initial = practice.version
        if Action.PUBLISH not in dict(self.actions):
            for name in ("publish_at", "public_note", "is_erratum"):
                del self.fields[name]

    def save(self):
        """Take the chosen step; form errors for refusals, so the typed note stays on the page."""
        try:
            return take_step(
                self.user,
                self.practice,
                self.cleaned_data["action"],
                self.cleaned_data["text"],
                publish_at=self.cleaned_data.get("publish_at"),
                expected_version=self.cleaned_data["base_version"],
                public_note=self.cleaned_data.get("public_note", ""),
                is_erratum=self.cleaned_data.get("is_erratum", False),
            )
        except WorkflowError as refused:
            self.add_error(None, str(refused))
        except StaleVersion as stale:
            self.add_error(None, stale_message(stale.current))
            self.add_error(None, _("请先查看案例的最新内容，再决定这一步。"))
        return None
