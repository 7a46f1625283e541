-- Indexes for the counts that pages show beside an alliance (store/register.c ALLIANCE_COLS):
-- the current members on a day are counted from this index alone, without reading each member's
-- row; the latest approved charter likewise.
CREATE INDEX members_alliance_dates ON members (alliance_id, joined_on, left_on);
CREATE INDEX charters_alliance_approved ON charters (alliance_id, approved_date, version);
