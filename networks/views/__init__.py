"""Network pages: an organisation's (`organisation`, under /o/<org-slug>/networks/),
coordinators' (`coordinator`, under /n/<network-slug>/) and case studies (`case_studies`,
in both places)."""
