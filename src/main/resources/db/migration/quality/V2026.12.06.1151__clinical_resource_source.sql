-- Quality (#21, session 11): withdrawing a clinical source from the pages (and the confirmation page's count of its
-- members) finds the source's resources by source, not by scanning every clinical resource.
create index clinical_resource_source on quality.clinical_resource (source_id);
