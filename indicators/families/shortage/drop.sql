-- Shortage family, done (shortage.go): the working tables and the macro of
-- shortage.sql go, once the result table no longer needs them.
DROP TABLE shortage_flows; DROP TABLE shortage_employed; DROP TABLE shortage_graduates;
DROP TABLE shortage_base; DROP TABLE shortage_parts; DROP TABLE shortage_scaled;
DROP TABLE shortage_composite; DROP TABLE shortage_weights; DROP MACRO shortage_shown;
