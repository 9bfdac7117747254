"""Build hooks of the runtime package (learning-regions).

* Put data/ inside the wheel as learning_regions/_data, for installs away from
  a checkout (Colab, a browser's Python). An editable install reads data/ in
  place, so it gets nothing extra.
* The package's web addresses (Homepage, Source) come from the one setting in
  _config.yml (tools/companion_tools/addresses.py), like every other address
  of the companion: an adapted copy names itself.
"""

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface


class DataInWheel(BuildHookInterface):
    def initialize(self, version, build_data):
        if version == "standard":
            build_data["force_include"]["data"] = "learning_regions/_data"


class Addresses(MetadataHookInterface):
    def update(self, metadata):
        sys.path.insert(0, str(Path(self.root) / "tools"))
        try:
            from companion_tools.addresses import repository, site_url
        finally:
            sys.path.pop(0)
        metadata["urls"] = {"Homepage": site_url(), "Source": repository()[0]}
