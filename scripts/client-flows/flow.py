"""HubSpot's official Python client (`hubspot-api-client`), unmodified, run through the flows its
README and HubSpot's guides show, against hubspot-mock. Every step prints `ok` or `FAIL`; the
exit status is the number of failed steps.

    python flow.py http://127.0.0.1:8080 mock-token
"""

import sys
import time
import traceback

from hubspot import HubSpot
from hubspot.crm.associations.v4 import AssociationSpec
from hubspot.crm.contacts import (
    BatchInputSimplePublicObjectBatchInputForCreate,
    BatchInputSimplePublicObjectBatchInput,
    BatchReadInputSimplePublicObjectId,
    BatchInputSimplePublicObjectId,
    Filter,
    FilterGroup,
    PublicMergeInput,
    PublicObjectSearchRequest,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)

BASE, TOKEN = sys.argv[1], sys.argv[2]
client = HubSpot(access_token=TOKEN, host=BASE)
stamp = str(int(time.time() * 1000))
failed = 0
seen = {}


def step(name):
    def run(f):
        global failed
        try:
            seen[name] = f()
            print(f"ok   {name}")
        except Exception:  # noqa: BLE001 - every failure is one failed step
            failed += 1
            print(f"FAIL {name}\n{traceback.format_exc(limit=3)}")
        return f

    return run


def props(**kw):
    return SimplePublicObjectInputForCreate(properties=kw)


@step("create a contact with default properties")
def _():
    c = client.crm.contacts.basic_api.create(
        props(
            email=f"ada.{stamp}@example.com",
            firstname="Ada",
            lastname="Lovelace",
            jobtitle="Engineer",
            phone="+1 555 0100",
            company="Analytical",
            website="example.com",
            lifecyclestage="lead",
            hs_lead_status="NEW",
        )
    )
    assert c.id and c.properties["jobtitle"] == "Engineer", c
    return c.id


@step("read the contact back with chosen properties")
def _():
    c = client.crm.contacts.basic_api.get_by_id(
        seen["create a contact with default properties"],
        properties=["email", "jobtitle", "lifecyclestage"],
    )
    assert c.properties["email"] == f"ada.{stamp}@example.com", c
    return c


@step("read the contact by email (idProperty)")
def _():
    c = client.crm.contacts.basic_api.get_by_id(
        f"ada.{stamp}@example.com", id_property="email"
    )
    assert c.id == seen["create a contact with default properties"], c


@step("update the contact")
def _():
    cid = seen["create a contact with default properties"]
    c = client.crm.contacts.basic_api.update(
        cid, SimplePublicObjectInput(properties={"jobtitle": "Lead engineer", "city": "London"})
    )
    assert c.properties["jobtitle"] == "Lead engineer", c


@step("page through contacts")
def _():
    page = client.crm.contacts.basic_api.get_page(limit=10, properties=["email"])
    assert page.results, page


@step("get_all contacts (the client's pager)")
def _():
    everyone = client.crm.contacts.get_all(properties=["email"])
    assert any(c.id == seen["create a contact with default properties"] for c in everyone)


@step("search contacts by email")
def _():
    req = PublicObjectSearchRequest(
        filter_groups=[
            FilterGroup(
                filters=[Filter(property_name="email", operator="EQ", value=f"ada.{stamp}@example.com")]
            )
        ],
        properties=["email", "jobtitle"],
        limit=10,
    )
    res = client.crm.contacts.search_api.do_search(public_object_search_request=req)
    assert res.total == 1, res


@step("batch create contacts")
def _():
    inputs = [
        {"properties": {"email": f"b{i}.{stamp}@example.com", "firstname": f"B{i}", "jobtitle": "Analyst"}}
        for i in range(3)
    ]
    res = client.crm.contacts.batch_api.create(
        BatchInputSimplePublicObjectBatchInputForCreate(inputs=inputs)
    )
    assert len(res.results) == 3, res
    return [r.id for r in res.results]


@step("batch read contacts")
def _():
    ids = seen["batch create contacts"]
    res = client.crm.contacts.batch_api.read(
        BatchReadInputSimplePublicObjectId(inputs=[{"id": i} for i in ids], properties=["email"])
    )
    assert len(res.results) == 3, res


@step("batch update contacts")
def _():
    ids = seen["batch create contacts"]
    res = client.crm.contacts.batch_api.update(
        BatchInputSimplePublicObjectBatchInput(
            inputs=[{"id": i, "properties": {"lifecyclestage": "customer"}} for i in ids]
        )
    )
    assert all(r.properties["lifecyclestage"] == "customer" for r in res.results), res


@step("create a company")
def _():
    c = client.crm.companies.basic_api.create(
        props(name="Analytical Engines", domain=f"engines-{stamp}.example.com", industry="COMPUTER_SOFTWARE", city="London")
    )
    return c.id


@step("associate contact and company (default label)")
def _():
    client.crm.associations.v4.basic_api.create_default(
        "contacts", seen["create a contact with default properties"], "companies", seen["create a company"]
    )


@step("list the contact's companies")
def _():
    page = client.crm.associations.v4.basic_api.get_page(
        "contacts", seen["create a contact with default properties"], "companies"
    )
    assert any(str(r.to_object_id) == str(seen["create a company"]) for r in page.results), page


@step("read the deal pipelines")
def _():
    res = client.crm.pipelines.pipelines_api.get_all("deals")
    assert res.results and res.results[0].stages, res
    return res.results[0]


@step("create a deal in a pipeline stage")
def _():
    p = seen["read the deal pipelines"]
    d = client.crm.deals.basic_api.create(
        props(dealname="Engine", amount="1500", pipeline=p.id, dealstage=p.stages[0].id, dealtype="newbusiness", closedate="2027-01-31T00:00:00Z")
    )
    return d.id


@step("associate the deal with a labelled association")
def _():
    client.crm.associations.v4.basic_api.create(
        "deals",
        seen["create a deal in a pipeline stage"],
        "contacts",
        seen["create a contact with default properties"],
        [AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=3)],
    )


@step("create a ticket")
def _():
    t = client.crm.tickets.basic_api.create(
        props(subject="Broken engine", content="It smokes", hs_pipeline="0", hs_pipeline_stage="1", hs_ticket_priority="HIGH")
    )
    return t.id


@step("create a product and a line item")
def _():
    p = client.crm.products.basic_api.create(props(name="Gear", price="12.50", hs_sku=f"G-{stamp}"))
    li = client.crm.line_items.basic_api.create(props(name="Gear", quantity="2", price="12.50", hs_product_id=p.id))
    return li.id


@step("create a note through the generic objects API")
def _():
    n = client.crm.objects.basic_api.create(
        "notes",
        {
            "properties": {"hs_note_body": "Met at the fair", "hs_timestamp": "2026-12-01T10:00:00Z"},
            "associations": [
                {
                    "to": {"id": seen["create a contact with default properties"]},
                    "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202}],
                }
            ],
        },
    )
    return n.id


@step("create a task")
def _():
    t = client.crm.objects.basic_api.create(
        "tasks",
        {"properties": {"hs_task_subject": "Call back", "hs_task_status": "NOT_STARTED", "hs_task_priority": "HIGH", "hs_timestamp": "2026-12-02T10:00:00Z"}},
    )
    return t.id


@step("read the contact properties")
def _():
    res = client.crm.properties.core_api.get_all("contacts")
    names = {p.name for p in res.results}
    assert {"email", "jobtitle", "lifecyclestage"} <= names, names


@step("create a custom property")
def _():
    p = client.crm.properties.core_api.create(
        "contacts",
        {"name": f"favourite_engine_{stamp}", "label": "Favourite engine", "type": "string", "fieldType": "text", "groupName": "contactinformation"},
    )
    assert p.name == f"favourite_engine_{stamp}", p


@step("read the owners")
def _():
    res = client.crm.owners.owners_api.get_page(limit=10)
    assert res.results is not None, res


@step("create a static list")
def _():
    res = client.crm.lists.lists_api.create(
        {"name": f"Fair {stamp}", "objectTypeId": "0-1", "processingType": "MANUAL"}
    )
    return res.list.list_id


@step("add members to the list")
def _():
    ids = [seen["create a contact with default properties"]] + seen["batch create contacts"]
    res = client.crm.lists.memberships_api.add(seen["create a static list"], ids)
    assert len(res.records_ids_added) == 4, res


@step("find the list by name")
def _():
    res = client.crm.lists.lists_api.get_by_name(f"Fair {stamp}", "0-1")
    assert str(res.list.list_id) == str(seen["create a static list"]), res


@step("merge two contacts")
def _():
    ids = seen["batch create contacts"]
    res = client.crm.contacts.basic_api.merge(PublicMergeInput(primary_object_id=ids[0], object_id_to_merge=ids[1]))
    assert res.id, res


@step("batch archive contacts")
def _():
    client.crm.contacts.batch_api.archive(
        BatchInputSimplePublicObjectId(inputs=[{"id": seen["batch create contacts"][2]}])
    )


@step("archive the contact")
def _():
    client.crm.contacts.basic_api.archive(seen["create a contact with default properties"])


@step("an archived contact reads as 404")
def _():
    from hubspot.crm.contacts.exceptions import NotFoundException

    try:
        client.crm.contacts.basic_api.get_by_id(seen["create a contact with default properties"])
    except NotFoundException:
        return
    raise AssertionError("archived contact was found")


@step("an unknown property is refused with HubSpot's error")
def _():
    from hubspot.crm.contacts import ApiException

    try:
        client.crm.contacts.basic_api.create(props(email=f"x.{stamp}@example.com", no_such_property="1"))
    except ApiException as e:
        assert e.status == 400 and "PROPERTY_DOESNT_EXIST" in e.body, e.body
        return
    raise AssertionError("unknown property was accepted")


@step("send a transactional e-mail")
def _():
    res = client.marketing.transactional.single_send_api.send_email(
        {"emailId": 4242, "message": {"to": f"b0.{stamp}@example.com", "sendId": f"fair-{stamp}"}}
    )
    assert res.status in ("PENDING", "PROCESSING", "COMPLETE"), res


@step("send a behavioral event")
def _():
    client.events.send.basic_api.send(
        {"eventName": "pe1234_fair_attended", "email": f"b0.{stamp}@example.com", "properties": {}}
    )


@step("read the custom object schemas")
def _():
    res = client.crm.schemas.core_api.get_all()
    assert res.results is not None, res


@step("start an export as HubSpot's guide writes it")
def _():
    res = client.crm.exports.public_exports_api.start(
        {
            "exportType": "VIEW",
            "format": "CSV",
            "exportName": f"contacts-{stamp}",
            "objectType": "CONTACT",
            "objectProperties": ["email", "jobtitle"],
            "language": "EN",
            "associatedObjectType": [],
        }
    )
    assert res.id, res


@step("a visitor identification token (a v3 body)")
def _():
    res = client.conversations.visitor_identification.generate_api.generate_token(
        {"email": f"b0.{stamp}@example.com", "firstName": "B0"}
    )
    assert res.token, res


@step("upload a file into a folder by path")
def _():
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("slides")
    res = client.files.files_api.upload(
        file=f.name,
        folder_path="/fair",
        file_name=f"slides-{stamp}.txt",
        options=json.dumps({"access": "PUBLIC_NOT_INDEXABLE", "overwrite": False}),
    )
    assert res.id and res.url, res


@step("a raw request through api_request")
def _():
    res = client.api_request(
        {"method": "GET", "path": "/crm/v3/objects/contacts", "qs": {"limit": 1}, "base_url": BASE}
    )
    assert res.status_code == 200, res.status_code


@step("read CMS blog posts (schema-answered)")
def _():
    res = client.cms.blogs.blog_posts.basic_api.get_page(limit=5)
    assert res.results is not None, res


@step("read marketing forms (schema-answered)")
def _():
    res = client.marketing.forms.forms_api.get_page()
    assert res.results is not None, res


@step("install the app: code for tokens (OAuth)")
def _():
    import urllib.parse
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    redirect = "http://localhost:3000/oauth-callback"
    query = urllib.parse.urlencode(
        {"client_id": "mock-client-id", "redirect_uri": redirect, "scope": "crm.objects.contacts.read"}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{BASE}/oauth/authorize?{query}")
        raise AssertionError("the install page did not redirect")
    except urllib.error.HTTPError as e:
        location = e.headers["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]
    tokens = client.oauth.tokens_api.create(
        grant_type="authorization_code",
        code=code,
        redirect_uri=redirect,
        client_id="mock-client-id",
        client_secret="mock-client-secret",
    )
    assert tokens.access_token and tokens.refresh_token, tokens
    return tokens


@step("refresh the access token and read its metadata (OAuth)")
def _():
    old = seen["install the app: code for tokens (OAuth)"]
    tokens = client.oauth.tokens_api.create(
        grant_type="refresh_token",
        refresh_token=old.refresh_token,
        client_id="mock-client-id",
        client_secret="mock-client-secret",
    )
    info = client.oauth.access_tokens_api.get(tokens.access_token)
    assert info.hub_id and info.scopes, info
    oauth_client = HubSpot(access_token=tokens.access_token, host=BASE)
    page = oauth_client.crm.contacts.basic_api.get_page(limit=1)
    assert page.results is not None, page


print(f"{len(seen)} passed, {failed} failed")
sys.exit(failed)
