// Serves the people search (Query.searchPeople): people of the caller's territories by name, CAF
// number or France Travail identifier, in the minimal view, and whether the caller follows them.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import { encodeCursor, type Page, toPage } from '@relais/core';
import { Role } from '@relais/identity';
import {
  type PersonSummaryView,
  searchPosition,
  searchText,
  type SummaryRow,
  summaryOf,
} from '@relais/pathways';
import {
  activeMembershipIds,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
} from './person-summary.read-model.js';

/** Words of a search that count; more are ignored. */
const SEARCH_MAX_WORDS = 5;

/** Roles that find people of their territory through search (the minimal view). */
const SEARCH_ROLES: readonly Role[] = [
  Role.PROFESSIONAL,
  Role.ORIENTATION_MANAGER,
  Role.STRUCTURE_ADMIN,
];

/**
 * Two tiers, in one statement: first the names holding every word typed (what a caseworker
 * typing the start of a name means), then, when those do not fill the page, names merely close
 * to it (typos forgiven); each tier by trigram similarity.
 */
@Injectable()
export class SearchReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(
    scope: ViewerScope,
    query: string,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<PersonSummaryView & { cursor: string }>> {
    const { principal } = scope;
    const territories =
      principal.kind === 'client'
        ? principal.scopes.includes('persons:read')
          ? [principal.territoryId]
          : []
        : principal.memberships
            .filter((membership) => SEARCH_ROLES.includes(membership.role))
            .map((membership) => membership.territoryId)
            .filter((id): id is string => id !== null);
    if (territories.length === 0) throw forbidden();
    const text = searchText(query);
    const words = text.split(' ').filter(Boolean).slice(0, SEARCH_MAX_WORDS);
    const raw = query.replace(/\s+/g, '').toUpperCase();
    const params: unknown[] = [activeMembershipIds(principal), territories, text, raw];
    // The trigram index finds words of 3 letters or more; a query of shorter words only ("el i")
    // is looked for as typed, spaces included.
    const patterns = words.some((word) => word.length >= 3) ? words : text ? [text] : [];
    const contains = patterns.map((pattern) => {
      params.push(`%${pattern}%`);
      return `p.search_name LIKE $${params.length}`;
    });
    // Every word typed, or an identifier; a query of punctuation only matches no name.
    const strong = `(${contains.length ? contains.join(' AND ') : 'false'}
        OR p.caf_number = $4 OR p.france_travail_id = $4)`;
    // Partner systems never see people who restricted or objected to sharing, and a system scoped
    // to a structure finds only the people its structure follows (need to know: it asks to join
    // nobody, so the territory's minimal view is not its to read).
    let partner = '';
    if (principal.kind === 'client') {
      partner = 'AND NOT p.restricted AND NOT p.objection';
      if (principal.structureId) {
        params.push(principal.structureId);
        partner += ` AND EXISTS (SELECT 1 FROM team_member st WHERE st.person_id = p.id
          AND st.left_at IS NULL AND st.structure_id = $${params.length}::uuid)`;
      }
    }
    let strongAfter = '';
    let weakAfter = '';
    if (after) {
      const [tier, score, id] = searchPosition(after);
      params.push(score, id);
      const keyset = `AND (similarity(p.search_name, $3), p.id) < ($${params.length - 1}::real, $${params.length}::uuid)`;
      if (tier === 0) strongAfter = keyset;
      else {
        strongAfter = 'AND false';
        weakAfter = keyset;
      }
    }
    params.push(first + 1);
    const limit = `$${params.length}`;
    const inScope = `p.territory_id = ANY($2) AND p.status = 'ACTIVE' ${partner}`;
    // Unnamed, so planned for its values: a generic plan cannot use the trigram index for LIKE.
    const rows = await this.dataSource.query<(SummaryRow & { tier: number; score: number })[]>(
      `WITH strong AS (
         SELECT p.id, 0 AS tier, similarity(p.search_name, $3) AS score FROM person p
         WHERE ${inScope} AND ${strong} ${strongAfter}
         ORDER BY score DESC, p.id DESC LIMIT ${limit}),
       weak AS (
         SELECT p.id, 1 AS tier, similarity(p.search_name, $3) AS score FROM person p
         WHERE (SELECT count(*) FROM strong) < ${limit}
           AND ${inScope} AND p.search_name % $3 AND NOT COALESCE(${strong}, false) ${weakAfter}
         ORDER BY score DESC, p.id DESC LIMIT ${limit}),
       found AS (
         SELECT * FROM strong UNION ALL SELECT * FROM weak
         ORDER BY tier, score DESC, id DESC LIMIT ${limit})
       SELECT ${SUMMARY_COLUMNS},
         EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
                   AND m.membership_id = ANY($1)) AS is_member,
         f.tier, f.score
       FROM found f JOIN person p ON p.id = f.id
       ${REFERENT_JOIN}
       ORDER BY f.tier, f.score DESC, f.id DESC`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.tier, row.score, row.id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        ...summaryOf(row),
        cursor: encodeCursor([row.tier, row.score, row.id]),
      })),
    };
  }
}
