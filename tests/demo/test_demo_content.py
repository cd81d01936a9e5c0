"""The demo council's content: every data file reads, the data refers only to things that exist, and the
demo lives in the demo app alone."""

import importlib.util
from pathlib import Path

from django.apps import apps

from demo import content
from plans.models import Channel, CommercialModel

STAGES = ["delivery", "gateway", "meetings", "members", "plans", "strategies"]


def test_the_loader_reads_every_data_file():
    assert content.stages() == STAGES
    for stage in STAGES:
        data = content.load(stage)
        assert isinstance(data, dict) and data, stage
        assert content.load(stage) is data  # read once


def test_no_app_but_demo_has_demo_data():
    for app in apps.get_app_configs():
        if app.name != "demo":
            found = [
                *Path(app.path).glob("demo_data*"),
                *Path(app.path).glob("management/commands/seed_demo.py"),
            ]
            assert not found, app.name
    assert importlib.util.find_spec("demo.management.commands.seed_demo")


def test_data_is_consistent():
    """The demo data refers only to things that exist."""
    council = content.load("strategies")
    numbers = {spec["n"] for spec in council["strategies"]}
    usernames = {user["username"] for user in council["users"]}
    assert numbers == set(range(1, 18))
    for spec in council["strategies"]:
        assert spec["directorate"] in council["directorates"]
        assert spec["owner"] in usernames and set(spec.get("co", [])) <= usernames - {spec["owner"]}
        assert spec["stage"] in council["paths"]
        assert all(key in council["documents"] for key in spec.get("documents", []))
        others = [link[0] for link in spec.get("links", [])]
        assert len(others) == len(set(others)) and spec["n"] not in others and set(others) <= numbers


def test_plan_data_is_consistent():
    """Plans for exactly the strategies that reach Plan, referring only to things that exist."""
    council, plan_data = content.load("strategies"), content.load("plans")
    by_n = {spec["n"]: spec for spec in council["strategies"]}
    through_plan = {n for n, spec in by_n.items() if "start_planning" in council["paths"][spec["stage"]]}
    assert set(plan_data["plans"]) | set(plan_data["no_plan"]) == through_plan
    assert not set(plan_data["plans"]) & set(plan_data["no_plan"])
    commercial_fields = {f.name for f in CommercialModel._meta.get_fields()}
    for n, plans in plan_data["plans"].items():
        outcomes = len(by_n[n]["outcomes"])
        for plan in plans:
            assert all(i < outcomes for i in plan["outcomes"])
            services = plan["services"]
            assert all(i < outcomes for service in services for i in service[2])
            for appraisal in plan["appraisals"]:
                assert all(i < len(services) for i in appraisal["services"])
                adopted = [o for o in appraisal["options"] if o.get("adopted")]
                assert len(adopted) <= 1
                baselines = [o["name"] for o in appraisal["options"] if o.get("baseline")]
                assert len(baselines) == 1, ("each appraisal names its status quo", appraisal["title"])
                assert bool(adopted) == bool(appraisal.get("rationale")), appraisal["title"]
                for option in appraisal["options"]:
                    assert option["channel"] in Channel.values
                    assert len(option["costs"]) == 3 and all(c >= 0 for c in option["costs"])
                    assert len(option.get("scores", ())) in (0, 5)
                    assert all(0 <= score <= 5 for score in option.get("scores", ()))
                    if adopted and option is not adopted[0]:
                        assert option.get("rejected"), option["name"]
            for risk in plan.get("risks", []):
                assert 1 <= risk[1] <= 5 and 1 <= risk[2] <= 5
            commercial = plan.get("commercial", {})
            assert set(commercial) - {"start_months", "years", "end", "kpis"} <= commercial_fields


def test_every_adopted_option_has_a_supplier_of_its_channel():
    """Each adopted option that becomes a contract names who delivers it: the council's own service for an
    in-house option, an outside body of a known sector for any other."""
    suppliers = content.load("delivery")["suppliers"]
    sectors = {"private", "voluntary", "public", "social_enterprise"}
    for plans in content.load("plans")["plans"].values():
        for plan in plans:
            for appraisal in plan["appraisals"]:
                for option in appraisal["options"]:
                    if not option.get("adopted") or option["channel"] in ("influence", "decommission"):
                        continue
                    spec = suppliers[option["name"]]
                    if option["channel"] == "internal":
                        assert set(spec) == {"in_house"}, option["name"]
                    else:
                        name, sector, _registration, _sme = spec
                        assert sector in sectors and name, option["name"]
