-- A page of a region's households in 户编号 order is chosen from this index alone; only the
-- fifty rows shown are read from the table (the list query joins its page back by id).
CREATE INDEX households_village_number ON households (village_code, household_no);
