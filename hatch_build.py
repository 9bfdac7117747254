"""Put data/ inside the wheel as learning_regions/_data, for installs away from a
checkout (Colab, a browser kernel). An editable install reads data/ in place,
so it gets nothing extra."""

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class DataInWheel(BuildHookInterface):
    def initialize(self, version, build_data):
        if version == "standard":
            build_data["force_include"]["data"] = "learning_regions/_data"
