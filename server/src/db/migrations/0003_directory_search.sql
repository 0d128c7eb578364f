-- Search of the Beratungsstellenfinder (GET /api/centers).
-- * center_search: one row per center with a German full-text document (stemming:
--   "Schulden" finds "Schuldnerberatung" through the prefix query 'schuld':*).
-- * search_words: every word of every center's searchable text, with a trigram index.
--   A misspelt query word ("Suchtbertung", "Düseldorf") is corrected to the most similar
--   known words (pg_trgm similarity), which then go through the full-text index: the
--   typo tolerance costs one small index lookup instead of a trigram scan of all centers.
-- Both are maintained by statement-level triggers on every table they are built from, so
-- every writer (import, self-service, admin) makes its changes searchable at once.

create table center_search (
  center_id uuid primary key references centers (id) on delete cascade,
  document tsvector not null
);
create index center_search_document_idx on center_search using gin (document);

-- Words are only added (a word no center uses any more merely widens a query a little).
create table search_words (
  word text primary key
);
create index search_words_trgm_idx on search_words using gin (word gin_trgm_ops);

-- Bounding-box prefilter of the distance search.
create index center_locations_lat_lon_idx on center_locations (latitude, longitude);

-- Weights: A center name; B organisation and topic labels (a sub-offer also carries its
-- main area's label); C description and service names; D places (city, postal code,
-- branch name) and English labels. All with the German configuration, as the query words
-- are (its stemmer also folds umlauts: "Düsseldorf" → 'dusseldorf'). search_words keeps
-- the words as written ('simple'), since similarity is measured on what people type.
create function center_search_refresh(ids uuid[]) returns void
  language sql volatile
  as $$
    delete from center_search s where s.center_id = any(ids)
      and not exists (select 1 from centers c where c.id = s.center_id);
    with source as (
      select c.id, c.name,
        c.organisation || ' ' || coalesce(tl.labels_de, '') as labels,
        coalesce(c.description, '') || ' ' || coalesce(sv.names, '') as texts,
        coalesce(loc.places, '') || ' ' || coalesce(tl.labels_en, '') as places
      from centers c
      left join lateral (
        select string_agg(concat_ws(' ', t.label_de, p.label_de), ' ') as labels_de,
               string_agg(concat_ws(' ', t.label_en, p.label_en), ' ') as labels_en
        from center_topics ct
        join topics t on t.key = ct.topic_key
        left join topics p on p.key = t.parent_key
        where ct.center_id = c.id
      ) tl on true
      left join lateral (
        select string_agg(concat_ws(' ', l.name, l.postal_code, l.city), ' ') as places
        from center_locations l where l.center_id = c.id
      ) loc on true
      left join lateral (
        select string_agg(s.name, ' ') as names from services s where s.center_id = c.id and s.active
      ) sv on true
      where c.id = any(ids)
    ),
    documents as (
      insert into center_search (center_id, document)
      select id,
        setweight(to_tsvector('german', name), 'A')
          || setweight(to_tsvector('german', labels), 'B')
          || setweight(to_tsvector('german', texts), 'C')
          || setweight(to_tsvector('german', places), 'D')
      from source
      on conflict (center_id) do update set document = excluded.document
    )
    insert into search_words (word)
    select distinct w.lexeme
    from source, unnest(to_tsvector('simple', concat_ws(' ', name, labels, texts, places))) as w
    where length(w.lexeme) between 4 and 60 and w.lexeme !~ '^[0-9]+$'
      and length(to_tsvector('german', w.lexeme)) > 0
    on conflict (word) do nothing;
  $$;

-- One function per source table; transition tables give the affected centers of a
-- whole statement (an import inserts many rows in one statement).
create function center_search_on_centers() returns trigger
  language plpgsql
  as $$
  begin
    perform center_search_refresh(array(select id from new_rows));
    return null;
  end
  $$;

create function center_search_on_center_rows() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      perform center_search_refresh(array(select distinct center_id from new_rows));
    elsif tg_op = 'DELETE' then
      perform center_search_refresh(array(select distinct center_id from old_rows));
    else
      perform center_search_refresh(array(
        select center_id from new_rows union select center_id from old_rows));
    end if;
    return null;
  end
  $$;

create function center_search_on_topics() returns trigger
  language plpgsql
  as $$
  begin
    perform center_search_refresh(array(
      select distinct ct.center_id
      from new_rows n
      join topics t on t.key = n.key or t.parent_key = n.key
      join center_topics ct on ct.topic_key = t.key));
    return null;
  end
  $$;

create trigger center_search_centers_insert after insert on centers
  referencing new table as new_rows for each statement execute function center_search_on_centers();
create trigger center_search_centers_update after update on centers
  referencing new table as new_rows for each statement execute function center_search_on_centers();
create trigger center_search_topics_update after update on topics
  referencing new table as new_rows for each statement execute function center_search_on_topics();

create trigger center_search_center_topics_insert after insert on center_topics
  referencing new table as new_rows for each statement execute function center_search_on_center_rows();
create trigger center_search_center_topics_delete after delete on center_topics
  referencing old table as old_rows for each statement execute function center_search_on_center_rows();
create trigger center_search_locations_insert after insert on center_locations
  referencing new table as new_rows for each statement execute function center_search_on_center_rows();
create trigger center_search_locations_update after update on center_locations
  referencing old table as old_rows new table as new_rows
  for each statement execute function center_search_on_center_rows();
create trigger center_search_locations_delete after delete on center_locations
  referencing old table as old_rows for each statement execute function center_search_on_center_rows();
create trigger center_search_services_insert after insert on services
  referencing new table as new_rows for each statement execute function center_search_on_center_rows();
create trigger center_search_services_update after update on services
  referencing old table as old_rows new table as new_rows
  for each statement execute function center_search_on_center_rows();
create trigger center_search_services_delete after delete on services
  referencing old table as old_rows for each statement execute function center_search_on_center_rows();

select center_search_refresh(array(select id from centers));
