"""The platform that wraps the pipeline: tenants, identity, projects and runs (issue 4)."""
