"""Home, organisation pages, members and invitations, and the history of changes. Thin:
resolve, call, render."""

import io
import json
from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.forms import CloseAccountForm
from accounts.services import personal_data_download_record
from organisations import hooks, policies, selectors, services
from organisations.forms import ChangeRoleForm, HistoryFilterForm, InvitationForm, OrganisationForm
from organisations.history import history_csv, history_rows
from organisations.models import Invitation, Membership
from organisations.tenancy import OrganisationFormView, OrganisationMixin
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, Role
from trauma_wales.rate_limits import INVITATIONS_PER_ADDRESS, INVITATIONS_PER_PERSON, limit_reached
from trauma_wales.templatetags.app_tags import govuk_date
from trauma_wales.views import DomainErrorFormMixin

TOO_MANY_INVITATIONS = gettext_lazy(
    "You have sent %(count)d invitations in the last hour, the most we send for one person. "
    "You can send more in an hour."
)
TOO_MANY_TO_ONE_ADDRESS = gettext_lazy(
    "This email address has had %(count)d invitations today, the most we send to one address "
    "in a day. Ask them to check their spam folder, or invite them again tomorrow."
)


class HomeView(TemplateView):
    """Signed in: your organisations and invitations. Signed out: what the service is."""

    def get_template_names(self):
        if self.request.user.is_authenticated:
            return ["organisations/home.html"]
        return ["pages/start.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_authenticated:
            memberships = list(selectors.memberships_for_user(user=user))
            waiting = hooks.waiting_by_organisation(user=user, memberships=memberships)
            context["memberships"] = memberships
            context["cards"] = [(m, waiting.get(m.organisation_id, [])) for m in memberships]
            if user.has_confirmed_email:  # only someone who can read the address sees them
                context["invitations"] = selectors.pending_invitations_for_email(email=user.email)
            context["leads_one"] = any(m.role == Role.LEAD for m in context["memberships"])
            context["more_sections"] = hooks.home_sections_for(user=user)
        return context


class SignedInView(LoginRequiredMixin, View):
    """Where signing in leads: to the organisation of someone with only one (and no
    invitation waiting), otherwise to the list of their organisations."""

    def get(self, request):
        organisation = selectors.only_organisation(user=request.user)
        if organisation is None:
            return redirect("home")
        return redirect("organisations:overview", organisation.slug)


class PersonalDataView(LoginRequiredMixin, View):
    """What the service holds about the signed-in person, as a JSON file (the privacy
    notice promises it; its fields are in the README)."""

    def get(self, request):
        data = selectors.personal_data(user=request.user)
        personal_data_download_record(user=request.user)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        return FileResponse(
            io.BytesIO(body),
            as_attachment=True,
            filename="your-data.json",
            content_type="application/json; charset=utf-8",
        )


class CloseAccountView(LoginRequiredMixin, DomainErrorFormMixin, FormView):
    """A person closes their own account, after giving their password again. Where they
    are an organisation's only lead, the page says so and offers no form."""

    template_name = "accounts/close_account.html"
    form_class = CloseAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            only_led=selectors.organisations_only_led_by(user=user),
            leaving=", ".join(
                m.organisation.name for m in selectors.memberships_for_user(user=user)
            ),
        )

    def save(self, form):
        services.account_close(user=self.request.user)
        # Not `logout()`: its signal would record a sign-out under the closed account.
        self.request.session.flush()
        self.request.user = AnonymousUser()
        messages.success(
            self.request,
            _(
                "Your account is closed. Your name and email address have been removed, "
                "and you have been signed out."
            ),
        )
        return redirect("accounts:login")


class OrganisationRegisterView(LoginRequiredMixin, DomainErrorFormMixin, FormView):
    template_name = "organisations/register.html"
    form_class = OrganisationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_confirmed_email:
            raise PermissionDenied  # cannot sign in unconfirmed; this guards other ways in
        return super().dispatch(request, *args, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        organisation = services.organisation_register(
            user=self.request.user,
            name=data["name"],
            sector=data["sector"],
            size_band=data["size_band"],
            areas=data["areas"],
        )
        self.request.session.cycle_key()  # a new role: a new session key
        messages.success(
            self.request,
            _("%(name)s is registered. You are its lead.") % {"name": organisation.name},
        )
        return redirect("organisations:overview", org_slug=organisation.slug)


class OverviewView(OrganisationMixin, TemplateView):
    template_name = "organisations/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member_count"] = selectors.member_count(organisation=self.organisation)
        context["sections"] = hooks.overview_sections(
            organisation=self.organisation, membership=self.membership
        )
        context["next_step"] = hooks.next_step(context["sections"])
        return context


class OrganisationDeletionView(OrganisationMixin, TemplateView):
    """A lead asks for the organisation to be deleted, after a grace period in which any
    lead can keep it (organisations.policies: request_deletion, keep)."""

    template_name = "organisations/delete.html"
    capability = Capability.DELETE_ORGANISATION

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            grace_days=settings.ORGANISATION_DELETION_GRACE_DAYS,
            due_on=policies.deletion_day(),
        )

    def post(self, request, *args, **kwargs):
        try:
            organisation = services.organisation_deletion_request(
                organisation=self.organisation, actor=request.user
            )
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error))
        messages.success(
            request,
            _("%(organisation)s will be deleted on %(date)s. Any lead can keep it until then.")
            % {"organisation": organisation.name, "date": govuk_date(organisation.deletion_due_on)},
        )
        return redirect("organisations:overview", org_slug=organisation.slug)


class OrganisationKeepView(OrganisationMixin, View):
    capability = Capability.DELETE_ORGANISATION

    def post(self, request, *args, **kwargs):
        try:
            services.organisation_keep(organisation=self.organisation, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(organisation)s will not be deleted.")
                % {"organisation": self.organisation.name},
            )
        return redirect("organisations:overview", org_slug=self.organisation.slug)


class OrganisationEditView(OrganisationFormView):
    template_name = "organisations/edit.html"
    capability = Capability.EDIT_ORGANISATION

    form_class = OrganisationForm

    def edited_object(self):
        return self.organisation

    def get_initial(self):
        initial = {f: getattr(self.organisation, f) for f in ("name", "sector", "size_band")}
        return {**initial, "areas": [area.pk for area in self.organisation.areas.all()]}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Save changes")}

    def save(self, form):
        data = form.cleaned_data
        services.organisation_update(
            organisation=self.organisation,
            actor=self.request.user,
            name=data["name"],
            sector=data["sector"],
            size_band=data["size_band"],
            areas=data["areas"],
            expected_version=form.posted_version(),
        )
        messages.success(self.request, _("Organisation details saved."))
        return redirect("organisations:overview", org_slug=self.organisation.slug)


class MembersView(OrganisationMixin, TemplateView):
    template_name = "organisations/members.html"
    capability = Capability.VIEW_MEMBERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = self.membership.role
        members = list(selectors.members_for_organisation(organisation=self.organisation))
        leads = sum(1 for member in members if member.role == Role.LEAD)
        context["members"] = members
        context["member_rows"] = [
            (member, policies.member_steps(member, leads, role)) for member in members
        ]
        context["can_manage_members"] = policies.can_invite(role)
        context["show_emails"] = policies.can_see_member_emails(role)
        if context["can_manage_members"]:
            context["invitation_rows"] = [
                (invitation, policies.invitation_steps(invitation, role))
                for invitation in selectors.open_invitations_for_organisation(
                    organisation=self.organisation
                )
            ]
        return context


class InviteView(OrganisationFormView):
    template_name = "organisations/invite.html"
    capability = Capability.MANAGE_MEMBERS

    form_class = InvitationForm

    def save(self, form):
        """At most so many invitations a person, and so many to one address from anyone,
        so that our email cannot be used to write to strangers (trauma_wales.rate_limits)."""
        request = self.request
        if limit_reached(request, INVITATIONS_PER_PERSON, key=str(request.user.pk)):
            raise DomainError(TOO_MANY_INVITATIONS % {"count": INVITATIONS_PER_PERSON.count})
        email = form.cleaned_data["email"].strip().lower()
        if limit_reached(request, INVITATIONS_PER_ADDRESS, key=email):
            message = TOO_MANY_TO_ONE_ADDRESS % {"count": INVITATIONS_PER_ADDRESS.count}
            raise DomainError(message, field="email")
        invitation = services.invitation_create(
            organisation=self.organisation,
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        message = _("We are sending the invitation to %(email)s.")
        messages.success(self.request, message % {"email": invitation.email})
        return redirect("organisations:members", org_slug=self.organisation.slug)


class MemberMixin(OrganisationMixin):
    """Loads `self.member`, the membership named in the URL, from this organisation only."""

    def load_objects(self, **url_kwargs) -> None:
        try:
            self.member = selectors.membership_in_organisation(
                organisation=self.organisation, membership_id=url_kwargs["membership_id"]
            )
        except Membership.DoesNotExist as missing:
            raise Http404 from missing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        return context


class ChangeRoleView(MemberMixin, OrganisationFormView):
    template_name = "organisations/change_role.html"
    capability = Capability.MANAGE_MEMBERS

    form_class = ChangeRoleForm

    def edited_object(self):
        return self.member

    def get_initial(self):
        return {"role": self.member.role}

    def save(self, form):
        member = services.membership_change_role(
            membership=self.member,
            role=form.cleaned_data["role"],
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(
            self.request,
            _("%(name)s is now a %(role)s.")
            % {"name": self.member.user, "role": member.get_role_display().lower()},
        )
        return redirect("organisations:members", org_slug=self.organisation.slug)


class RemoveMemberView(MemberMixin, TemplateView):
    template_name = "organisations/remove_member.html"
    capability = Capability.MANAGE_MEMBERS

    def post(self, request, *args, **kwargs):
        member = self.member
        try:
            services.membership_remove(membership=member, actor=request.user)
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error))
        messages.success(
            request,
            _("%(name)s has been removed from %(organisation)s.")
            % {"name": member.user, "organisation": self.organisation.name},
        )
        if member.user_id == request.user.pk:
            return redirect("home")
        return redirect("organisations:members", org_slug=self.organisation.slug)


class RevokeInvitationView(OrganisationMixin, View):
    capability = Capability.MANAGE_MEMBERS

    def load_objects(self, **url_kwargs) -> None:
        try:
            self.invitation = selectors.invitation_in_organisation(
                organisation=self.organisation, invitation_id=url_kwargs["invitation_id"]
            )
        except Invitation.DoesNotExist as missing:
            raise Http404 from missing

    def post(self, request, *args, **kwargs):
        invitation = self.invitation
        try:
            services.invitation_revoke(invitation=invitation, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
            )
        return redirect("organisations:members", org_slug=self.organisation.slug)


class AcceptInvitationView(View):
    """The link in an invitation email. Anyone may open it; accepting needs the right account."""

    template_name = "organisations/accept_invitation.html"

    def context(self, request, token):
        try:
            invitation = services.invitation_for_token(token=token)
        except DomainError as error:
            return {"problem": error.message}
        return {
            "invitation": invitation,
            "next": reverse("invitation_accept", args=[token]),
            "email_matches": request.user.is_authenticated
            and request.user.email.lower() == invitation.email.lower(),
        }

    def get(self, request, token):
        return render(request, self.template_name, self.context(request, token))

    def post(self, request, token):
        if not request.user.is_authenticated:
            return redirect(
                f"{reverse('accounts:login')}?next={reverse('invitation_accept', args=[token])}"
            )
        try:
            membership = services.invitation_accept(
                token=token, user=request.user, base_url=request.build_absolute_uri("/")
            )
        except DomainError as error:
            context = self.context(request, token)
            context["problem"] = error.message
            return render(request, self.template_name, context)
        request.session.cycle_key()  # a new role: a new session key
        messages.success(
            request,
            _("You have joined %(organisation)s.") % {"organisation": membership.organisation.name},
        )
        return redirect("organisations:overview", org_slug=membership.organisation.slug)


class HistoryMixin(OrganisationMixin):
    """The history of changes, for leads: the filters from the address."""

    capability = Capability.VIEW_HISTORY
    request: HttpRequest

    def filter_form(self) -> HistoryFilterForm:
        people = selectors.history_people(organisation=self.organisation)
        return HistoryFilterForm(self.request.GET or None, people=people)


class HistoryView(HistoryMixin, TemplateView):
    """Every change to the organisation's data, newest first, 50 a page, with filters and
    a CSV download of what the filters show."""

    template_name = "organisations/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        filters = form.filters()
        page = selectors.history_page(
            organisation=self.organisation,
            filters=filters,
            page_number=self.request.GET.get("page"),
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page=page.entries,
            total=page.total,
            filters=filters,
            rows=history_rows(page.entries),
            query=query.urlencode(),
            page_numbers=list(
                page.entries.paginator.get_elided_page_range(
                    page.entries.number, on_each_side=1, on_ends=1
                )
            ),
            ellipsis=Paginator.ELLIPSIS,
        )
        return context


class HistoryExportView(HistoryMixin, View):
    """The filtered history as a CSV file (every matching entry, not only one page)."""

    def get(self, request, *args, **kwargs):
        filters = self.filter_form().filters()
        entries = selectors.history_entries(organisation=self.organisation, filters=filters)
        content = history_csv(entries.iterator())
        services.history_export_record(
            organisation=self.organisation, actor=request.user, filters=asdict(filters)
        )
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=f"{self.organisation.slug}-history.csv",
            content_type="text/csv; charset=utf-8",
        )
