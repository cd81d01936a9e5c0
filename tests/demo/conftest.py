def pytest_collection_modifyitems(items):
    """test_seed_demo's council is seeded once and kept until the module ends: its tests that seed a
    council of their own (on an empty database) run first. Only that module's tests change places."""
    places = [i for i, item in enumerate(items) if item.nodeid.startswith("tests/demo/test_seed_demo.py::")]
    mine = sorted((items[i] for i in places), key=lambda item: "seeded" in item.fixturenames)
    for place, item in zip(places, mine, strict=True):
        items[place] = item
