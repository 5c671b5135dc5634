-- Small code tables the cells SQL joins, from lmi's code lists (regions.go
-- builds the rows): sni_sections, the SNI 2007 section (letter) of each
-- division (two digits), for the job inflows by section.
CREATE OR REPLACE TEMP TABLE sni_sections (division VARCHAR, section VARCHAR);
INSERT INTO sni_sections VALUES {{.SNISections}};
