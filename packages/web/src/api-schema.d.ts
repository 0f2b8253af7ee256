/**
 * The server's API as TypeScript types, generated from its OpenAPI document by `npm run contract`
 * (scripts/contract.ts). Do not edit: change the server's schemas and run it again.
 */

export interface paths {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (the database is not asked; see /health/ready) */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database answering, migrations applied, data key matching (503 with Retry-After when not) */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in; sets an HttpOnly session cookie */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (ends this session) */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who you are and what you may do */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password (ends your other sessions and revokes your API tokens) */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GB/T 2260 regions; with no filter, the provinces */
        get: operations["listRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One region with its ancestors */
        get: operations["getRegion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List institutions (search, filter, sort, paginate) */
        get: operations["listInstitutions"];
        put?: never;
        /** Create an institution */
        post: operations["createInstitution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One institution, with its capability assessments when you may see them */
        get: operations["getInstitution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update or deactivate (active: false) an institution */
        patch: operations["updateInstitution"];
        trace?: never;
    };
    "/api/v1/institutions/{id}/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set where the institution is on the map (its coordinator); check-ins are judged against it */
        put: operations["setInstitutionLocation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record a county hospital's capability assessment for a year */
        put: operations["setInstitutionAssessment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import institutions from CSV or XLSX (all rows or none, unless skipInvalid) */
        post: operations["importInstitutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alliances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alliances (医联体, 医共体, …) */
        get: operations["listAlliances"];
        put?: never;
        /** Create an alliance led by an institution */
        post: operations["createAlliance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alliances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alliance with its members */
        get: operations["getAlliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, change kind, or deactivate (active: false) */
        patch: operations["updateAlliance"];
        trace?: never;
    };
    "/api/v1/alliances/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a member institution */
        post: operations["addAllianceMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alliances/{id}/members/{institutionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record that a member left (or undo it with null) */
        patch: operations["updateAllianceMember"];
        trace?: never;
    };
    "/api/v1/practitioners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List practitioners in your scope */
        get: operations["listPractitioners"];
        put?: never;
        /** Register a practitioner */
        post: operations["createPractitioner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One practitioner */
        get: operations["getPractitioner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update or deactivate (active: false) a practitioner */
        patch: operations["updatePractitioner"];
        trace?: never;
    };
    "/api/v1/practitioners/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import practitioners from CSV or XLSX (all rows or none, unless skipInvalid) */
        post: operations["importPractitioners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/planning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practitioner's planning profile (roles, department, when they can go), or the defaults when none is stored */
        get: operations["getPractitionerPlanning"];
        /** Set a practitioner's planning profile (replaces it) */
        put: operations["setPractitionerPlanning"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/capability-needs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recipient's needs for a year (default this year): specialties it lacks and techniques it asked for */
        get: operations["getCapabilityNeeds"];
        /** Replace a recipient's needs for a year */
        put: operations["setCapabilityNeeds"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/support-capacity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A supporting hospital's capacity for pairing (recipients, staff per specialty) */
        get: operations["getSupportCapacity"];
        /** Set a supporting hospital's capacity (replaces it) */
        put: operations["setSupportCapacity"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/province-pairings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme's province pairings (supporting province → recipient province) */
        get: operations["listProvincePairings"];
        /** Replace the programme's province pairings (national) */
        put: operations["setProvincePairings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** User accounts in your scope */
        get: operations["listUsers"];
        put?: never;
        /** Create an account (an official only within their region, never one that may see more than they may); its password must be changed at first sign-in */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user account */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, reset password (to be changed at next sign-in), or deactivate (active: false); a new password or deactivation ends sessions and revokes API tokens */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (never their secrets) */
        get: operations["listApiTokens"];
        put?: never;
        /** Create a token that acts as the given user (shown once) */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a token (effective immediately) */
        post: operations["revokeApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of writes in your scope, newest first */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paired-assistance agreements in your scope */
        get: operations["listAgreements"];
        put?: never;
        /** Create an agreement (health commission) */
        post: operations["createAgreement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agreement */
        get: operations["getAgreement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change pack, mode, end date, specialties or status */
        patch: operations["updateAgreement"];
        trace?: never;
    };
    "/api/v1/agreements/{id}/dispatches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agreement's dispatch roster */
        get: operations["listDispatches"];
        put?: never;
        /** Station a practitioner of a supporter (the supporter's roster) */
        post: operations["createDispatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dispatches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record actual dates, change plans, cancel */
        patch: operations["updateDispatch"];
        trace?: never;
    };
    "/api/v1/agreements/{id}/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agreement's compliance report for a year (the CLI's report; asOf defaults to today) */
        get: operations["getAgreementCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compliance board: every agreement in the region, its status and failing rules */
        get: operations["getComplianceBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The compliance board as XLSX, under the same filters (every page) */
        get: operations["exportComplianceBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance/warnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agreements whose planned roster leaves a coverage gap in the next N days */
        get: operations["listCoverageWarnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in stationed doctor's today and last 14 days: stationed or not, checked in, confirmed or disputed */
        get: operations["listOwnAttendance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check in on site today (or a past day of your stationing) */
        post: operations["checkIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm or dispute a check-in (recipient coordinator) */
        post: operations["reviewAttendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check-ins under an agreement in a date range */
        get: operations["listAttendance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rule-packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in rule packs and provinces' copies */
        get: operations["listRulePacks"];
        put?: never;
        /** Copy a pack with changed numbers for your region */
        post: operations["copyRulePack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/service-credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cumulative grassroots service and associate-chief eligibility (≥ 365 days) */
        get: operations["getServiceCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/service-credit.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Certificate of grassroots service (PDF) */
        get: operations["getServiceCreditCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Warnings officials can act on for one agreement and year (away or without-location days, empty log, unconfirmed months, low ratings) */
        get: operations["listAgreementFlags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/work-totals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agreement's confirmed work (outpatient visits, operations, teaching hours, people trained), in total, per month and per stationed person; only lines the recipient confirmed count */
        get: operations["getAgreementWorkTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Work-log lines: one's own (stationed person), one's agreements' (coordinators), the region's (officials) */
        get: operations["listWorkLog"];
        put?: never;
        /** Log a piece of work (the signed-in stationed person, a day of their stay, not in the future) */
        post: operations["createWorkLine"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-log/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the signed-in stationed person may log: their stays and their agreements' techniques */
        get: operations["getWorkLogOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-log/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one's own line while the recipient has not confirmed it */
        delete: operations["deleteWorkLine"];
        options?: never;
        head?: never;
        /** Correct one's own line while the recipient has not confirmed it */
        patch: operations["updateWorkLine"];
        trace?: never;
    };
    "/api/v1/work-months": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stationed people's months: totals of the work log and the recipient's sign-off */
        get: operations["listWorkMonths"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-months/{agreementId}/{practitionerId}/{month}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a stationed person's month in one action, or dispute lines (the recipient's coordinator, or the commission) */
        post: operations["reviewWorkMonth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dispatches/{id}/ratings/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rate a stationed person's stay for a period: `end`, or a full quarter `YYYY-Qn` of a stay longer than three months (recipient coordinator) */
        put: operations["rateStay"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The recipient's ratings of the agreement's stationed people: its own ratings for the recipient's coordinator, per-person aggregates (never who rated or when) for the supporters' coordinators and officials, one's own aggregate for the stationed person */
        get: operations["listStayRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-months/{agreementId}/{practitionerId}/{month}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The stationed person's plan (start of the month) and summary (end) — their own month, until the recipient confirms it */
        put: operations["saveWorkMonthPlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-months/{agreementId}/{practitionerId}/{month}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stationed person's month: plan, summary, check-in days, work totals (all and confirmed) and the recipient's sign-off */
        get: operations["getWorkMonthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-months/{agreementId}/{practitionerId}/{month}/report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 派驻人员月度工作报告: the month's report of one stationed person (PDF, A4) */
        get: operations["getWorkMonthReportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/monthly-report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 派驻人员月度工作报告 of an agreement: a summary of everyone stationed that month, then each person's report (PDF) */
        get: operations["getAgreementMonthlyReportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Plan a supporting hospital's stationing roster for a year (solver; 202 when it runs past a second) */
        post: operations["planRoster"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/pairing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Plan which supporters serve which county hospitals in a region or the nation (solver; 202 when it runs past a second) */
        post: operations["planPairing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Planner runs you may see, newest first */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One planner run: its status and, when done, the plan (with the names it mentions) */
        get: operations["getPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write a finished roster plan's dispatches (one transaction; 409 when the roster changed since the plan) */
        post: operations["applyPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your institution's worklist: incoming (green channel first) or outgoing */
        get: operations["listReferrals"];
        put?: never;
        /** Create a referral (draft; submit: true to submit at once) from your institution */
        post: operations["createReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Institutions to offer first when picking a referral target or a telemedicine supporter: agreement partners, alliance members, the county hospital of the patient's county */
        get: operations["suggestPartners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One referral (reading patient details is audit-logged) */
        get: operations["getReferral"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download one attachment (a read of patient details, audit-logged) */
        get: operations["downloadReferralAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who did what when */
        get: operations["getReferralHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit, accept, reject, schedule, mark arrived, complete or cancel */
        post: operations["transitionReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts for the indicators: up/down, acceptance time, SLA breaches, rejections, pool utilisation */
        get: operations["getReferralStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reserved slots and how many are free */
        get: operations["listSlots"];
        put?: never;
        /** Publish outpatient slots reserved for referrals */
        post: operations["publishSlots"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/slots/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the unbooked reserved slots back to the general pool */
        post: operations["releaseSlot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/beds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reserved beds and how many are free */
        get: operations["listBeds"];
        put?: never;
        /** Publish beds reserved for referred admissions */
        post: operations["publishBeds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cds/hypertension/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate one visit (hypertension.md input) → recommendation with its trace; nothing is stored */
        post: operations["evaluateHypertension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your register, soonest due first; due=overdue|week is the call list */
        get: operations["listChronicPatients"];
        put?: never;
        /** Register a hypertension patient at your grassroots institution */
        post: operations["enrolChronicPatient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One patient (an audited read of personal details) */
        get: operations["getChronicPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients/{id}/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's visits, newest first, each with its recommendation */
        get: operations["listChronicVisits"];
        put?: never;
        /** Record a visit; answers the recommendation and the next due date */
        post: operations["recordChronicVisit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients/{id}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calls made to the patient from the call list, newest first */
        get: operations["listChronicCalls"];
        put?: never;
        /** Record a call and its result: reschedules, retries or takes the patient off the call list */
        post: operations["recordChronicCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/control-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Control rate for a region or an institution, per institution */
        get: operations["getControlRate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/reminders/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether SMS reminders are on (a gateway is configured on this server) */
        get: operations["getReminderStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients/{id}/sms-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record the patient's consent to SMS reminders, or its withdrawal (pending reminders are then skipped) */
        put: operations["setSmsConsent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/htn/patients/{id}/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's SMS reminders, newest due date first, with their status and delivery result */
        get: operations["listSmsReminders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms/delivery-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The SMS gateway reports a reminder delivered or undelivered (signed like the sends: HMAC-SHA256 of timestamp.body) */
        post: operations["receiveSmsDeliveryReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outreach/meeting-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an institution's video-meeting link template ({id} becomes the session id) */
        put: operations["setMeetingTemplate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemedicine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sessions of your institution (either side) or region */
        get: operations["listTelemedicineSessions"];
        put?: never;
        /** Request a telemedicine session of a supporting institution (recipient's coordinator) */
        post: operations["requestTelemedicineSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemedicine/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One session */
        get: operations["getTelemedicineSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemedicine/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** schedule | propose (supporter), accept | close (recipient), hold (supporter, with minutes; a consultation with the opinion), cancel (either, with reason) */
        post: operations["actOnTelemedicineSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institution's touring teams */
        get: operations["listTouringTeams"];
        put?: never;
        /** Create a touring team */
        post: operations["createTouringTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Touring visits at or by an institution, or in a region */
        get: operations["listTouringVisits"];
        put?: never;
        /** Record a touring visit */
        post: operations["recordTouringVisit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/visits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a touring visit entered by mistake */
        delete: operations["deleteTouringVisit"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trainings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a training entered by mistake */
        delete: operations["deleteTraining"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/visits/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import touring visits from CSV or XLSX (team, site, date, end_date, patients_seen, health_talks, audience, trained; English or Chinese headers) */
        post: operations["importTouringVisits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trainings/attendance/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import training attendance from CSV or XLSX (training topic or id, date, institution, count; English or Chinese headers) */
        post: operations["importTrainingAttendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Touring-frequency compliance per site for a region and year, with the empty periods */
        get: operations["getTouringCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/touring/rules/{regionCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The touring-frequency rules that apply in a region */
        get: operations["getTouringRules"];
        /** Set a region's touring-frequency rules (its commission) */
        put: operations["setTouringRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trainings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trainings an institution hosted or attended */
        get: operations["listTrainings"];
        put?: never;
        /** Record a training event */
        post: operations["recordTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/further-study": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Placements from or at an institution */
        get: operations["listFurtherStudy"];
        put?: never;
        /** Record a further-study placement (进修) */
        post: operations["recordFurtherStudy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/techniques": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Techniques at a recipient, with whether they outlived their supporters */
        get: operations["listTechniques"];
        put?: never;
        /** Record a technique or specialty launched at a recipient */
        post: operations["recordTechnique"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/techniques/{id}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a month's case count (recipient) */
        post: operations["reportTechniqueCases"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institution's outreach calendar (stationing, telemedicine, touring, training) */
        get: operations["getInstitutionCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same calendar as iCalendar (ICS) */
        get: operations["getInstitutionCalendarIcs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/statistics/county-visits/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import county visit totals (region_code, month, total_visits, within_county_visits, grassroots_visits; English or Chinese headers) */
        post: operations["importCountyVisits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/statistics/assessments/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import county hospital capability assessments (region_code, institution_name, year, level: none/basic/recommended or 未达标/基本标准/推荐标准; English or Chinese headers) */
        post: operations["importAssessments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The indicator catalogue (definitions as data) */
        get: operations["listIndicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rankings/supporters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Supporting hospitals of the region's agreements ranked by a weighted composite score (weights=compliance:40,stationedDays:20,…) */
        get: operations["rankSupporters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rankings/supporters.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same ranking as XLSX */
        get: operations["exportSupporterRanking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{regionCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A region + period report as PDF (period YYYY-MM or YYYY): key figures, referrals chart, failing agreements, supporter ranking */
        get: operations["getRegionReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicators/{id}/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Values of one indicator by region (one level down, or `level`) and period, within a region */
        get: operations["getIndicatorValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicators/{id}/values.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same values as XLSX */
        get: operations["exportIndicatorValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your institution's notifications, newest first */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a notification read */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the institution's webhook (coordinator of that institution, or admin) */
        put: operations["setWebhook"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find a patient your institution has treated, by ID number or local identifier (audited) */
        post: operations["lookupPatient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many people the index holds in a region (officials: counts, never persons) */
        get: operations["countPatients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's path across institutions: referrals, stays, register visits, consultations (audited) */
        get: operations["getPatientPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merges this record took part in, newest first */
        get: operations["listPatientMerges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patients/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge this record into another record of the same person (coordinators of an institution that treated both) */
        post: operations["mergePatient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/patient-merges/{mergeId}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a merge: the merged record stands on its own again, with all its rows */
        post: operations["undoPatientMerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /**
             * @description Stable code of the problem as a whole (core ERROR_STATUS)
             * @enum {string}
             */
            code: "validation" | "bad_request" | "unauthorized" | "wrong_credentials" | "forbidden" | "password_change_required" | "not_found" | "method_not_allowed" | "not_acceptable" | "request_timeout" | "conflict" | "retry" | "payload_too_large" | "uri_too_long" | "unsupported_media_type" | "rate_limited" | "headers_too_large" | "internal" | "unavailable";
            /** @description English */
            detail: string;
            errors: {
                /** @enum {string} */
                code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                /** @description English; show `code` with `params` in the user's language */
                message: string;
                /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                params: {
                    [key: string]: string | number | boolean | (string | number)[];
                };
                path: string;
            }[];
            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
            params: {
                [key: string]: string | number | boolean | (string | number)[];
            };
            status: number;
            title: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        checks: {
                            database: string;
                            migrations: string;
                            dataKey: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        practitionerId: string | null;
                        mustChangePassword: boolean;
                        permissions: {
                            institution: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            assessment: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            alliance: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            practitioner: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            user: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            audit: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            api_token: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            agreement: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            dispatch: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            referral: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            chronic_patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            outreach: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            reserved_pool: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            rule_pack: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            indicator: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            count: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_identity: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_path: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            institution_standing: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            webhook: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            plan: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                        };
                        sides: {
                            referral: boolean;
                            telemedicine_session: boolean;
                            attendance: boolean;
                            stay_rating: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        practitionerId: string | null;
                        mustChangePassword: boolean;
                        permissions: {
                            institution: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            assessment: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            alliance: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            practitioner: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            user: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            audit: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            api_token: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            agreement: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            dispatch: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            referral: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            chronic_patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            outreach: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            reserved_pool: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            rule_pack: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            indicator: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            count: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_identity: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_path: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            institution_standing: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            webhook: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            plan: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                        };
                        sides: {
                            referral: boolean;
                            telemedicine_session: boolean;
                            attendance: boolean;
                            stay_rating: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description At least 10 characters */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        practitionerId: string | null;
                        mustChangePassword: boolean;
                        permissions: {
                            institution: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            assessment: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            alliance: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            practitioner: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            user: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            audit: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            api_token: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            agreement: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            dispatch: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            referral: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            chronic_patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            outreach: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            reserved_pool: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            rule_pack: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            indicator: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            count: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_identity: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            patient_path: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            institution_standing: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            webhook: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                            plan: {
                                /** @enum {string} */
                                read: "all" | "region" | "institution" | "none";
                                /** @enum {string} */
                                write: "all" | "region" | "institution" | "none";
                            };
                        };
                        sides: {
                            referral: boolean;
                            telemedicine_session: boolean;
                            attendance: boolean;
                            stay_rating: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRegions: {
        parameters: {
            query?: {
                level?: "province" | "city" | "county";
                /** @description GB/T 2260 code, 6 digits */
                parent?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            name: string;
                            level: string;
                            parentCode: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRegion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description GB/T 2260 code, 6 digits */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        level: string;
                        parentCode: string | null;
                        path: {
                            code: string;
                            name: string;
                            level: string;
                            parentCode: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInstitutions: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                kind?: "national_medical_center" | "regional_medical_center" | "tertiary_hospital" | "secondary_hospital" | "county_hospital" | "county_tcm_hospital" | "township_health_center" | "community_health_center" | "village_clinic";
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                status?: "active" | "inactive" | "all";
                sort?: "name" | "-name" | "beds" | "-beds" | "regionCode" | "-regionCode" | "createdAt" | "-createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            grade: string | null;
                            regionCode: string;
                            regionName: string;
                            regionPath: string;
                            address: string | null;
                            beds: number | null;
                            departments: string[];
                            active: boolean;
                            latitude: number | null;
                            longitude: number | null;
                            locationApproximate: boolean;
                            location?: {
                                latitude: number | null;
                                longitude: number | null;
                                approximate: boolean;
                                /** @enum {string|null} */
                                source: "set" | "county_centroid" | null;
                            };
                            createdAt: string;
                            updatedAt: string;
                            assessments?: {
                                year: number;
                                /** @enum {string} */
                                level: "none" | "basic" | "recommended";
                            }[];
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInstitution: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "national_medical_center" | "regional_medical_center" | "tertiary_hospital" | "secondary_hospital" | "county_hospital" | "county_tcm_hospital" | "township_health_center" | "community_health_center" | "village_clinic";
                    /** @enum {string|null} */
                    grade?: "三级甲等" | "三级乙等" | "三级" | "二级甲等" | "二级乙等" | "二级" | "一级甲等" | "一级" | "未定级" | null;
                    /** @description GB/T 2260 code, 6 digits */
                    regionCode: string;
                    address?: string | null;
                    beds?: number | null;
                    departments?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        grade: string | null;
                        regionCode: string;
                        regionName: string;
                        regionPath: string;
                        address: string | null;
                        beds: number | null;
                        departments: string[];
                        active: boolean;
                        latitude: number | null;
                        longitude: number | null;
                        locationApproximate: boolean;
                        location?: {
                            latitude: number | null;
                            longitude: number | null;
                            approximate: boolean;
                            /** @enum {string|null} */
                            source: "set" | "county_centroid" | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                        assessments?: {
                            year: number;
                            /** @enum {string} */
                            level: "none" | "basic" | "recommended";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInstitution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        grade: string | null;
                        regionCode: string;
                        regionName: string;
                        regionPath: string;
                        address: string | null;
                        beds: number | null;
                        departments: string[];
                        active: boolean;
                        latitude: number | null;
                        longitude: number | null;
                        locationApproximate: boolean;
                        location?: {
                            latitude: number | null;
                            longitude: number | null;
                            approximate: boolean;
                            /** @enum {string|null} */
                            source: "set" | "county_centroid" | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                        assessments?: {
                            year: number;
                            /** @enum {string} */
                            level: "none" | "basic" | "recommended";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateInstitution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    kind?: "national_medical_center" | "regional_medical_center" | "tertiary_hospital" | "secondary_hospital" | "county_hospital" | "county_tcm_hospital" | "township_health_center" | "community_health_center" | "village_clinic";
                    /** @enum {string|null} */
                    grade?: "三级甲等" | "三级乙等" | "三级" | "二级甲等" | "二级乙等" | "二级" | "一级甲等" | "一级" | "未定级" | null;
                    /** @description GB/T 2260 code, 6 digits */
                    regionCode?: string;
                    address?: string | null;
                    beds?: number | null;
                    departments?: string[];
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        grade: string | null;
                        regionCode: string;
                        regionName: string;
                        regionPath: string;
                        address: string | null;
                        beds: number | null;
                        departments: string[];
                        active: boolean;
                        latitude: number | null;
                        longitude: number | null;
                        locationApproximate: boolean;
                        location?: {
                            latitude: number | null;
                            longitude: number | null;
                            approximate: boolean;
                            /** @enum {string|null} */
                            source: "set" | "county_centroid" | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                        assessments?: {
                            year: number;
                            /** @enum {string} */
                            level: "none" | "basic" | "recommended";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setInstitutionLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    latitude: number;
                    longitude: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        latitude: number | null;
                        longitude: number | null;
                        locationApproximate: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setInstitutionAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    year: number;
                    /** @enum {string} */
                    level: "none" | "basic" | "recommended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        grade: string | null;
                        regionCode: string;
                        regionName: string;
                        regionPath: string;
                        address: string | null;
                        beds: number | null;
                        departments: string[];
                        active: boolean;
                        latitude: number | null;
                        longitude: number | null;
                        locationApproximate: boolean;
                        location?: {
                            latitude: number | null;
                            longitude: number | null;
                            approximate: boolean;
                            /** @enum {string|null} */
                            source: "set" | "county_centroid" | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                        assessments?: {
                            year: number;
                            /** @enum {string} */
                            level: "none" | "basic" | "recommended";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importInstitutions: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlliances: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                kind?: "medical_alliance" | "county_medical_community" | "city_medical_group" | "specialty_alliance" | "telemedicine_network";
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                institutionId?: string;
                status?: "active" | "inactive" | "all";
                sort?: "name" | "-name" | "memberCount" | "-memberCount" | "createdAt" | "-createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            /** Format: uuid */
                            leadInstitutionId: string;
                            leadInstitutionName: string;
                            regionCode: string;
                            active: boolean;
                            memberCount: number;
                            members?: {
                                /** Format: uuid */
                                institutionId: string;
                                institutionName: string;
                                kind: string;
                                regionCode: string;
                                joinedOn: string;
                                leftOn: string | null;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAlliance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "medical_alliance" | "county_medical_community" | "city_medical_group" | "specialty_alliance" | "telemedicine_network";
                    /** Format: uuid */
                    leadInstitutionId: string;
                    members?: {
                        /** Format: uuid */
                        institutionId: string;
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        joinedOn: string;
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        leftOn?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        /** Format: uuid */
                        leadInstitutionId: string;
                        leadInstitutionName: string;
                        regionCode: string;
                        active: boolean;
                        memberCount: number;
                        members?: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            kind: string;
                            regionCode: string;
                            joinedOn: string;
                            leftOn: string | null;
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAlliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        /** Format: uuid */
                        leadInstitutionId: string;
                        leadInstitutionName: string;
                        regionCode: string;
                        active: boolean;
                        memberCount: number;
                        members?: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            kind: string;
                            regionCode: string;
                            joinedOn: string;
                            leftOn: string | null;
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAlliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    kind?: "medical_alliance" | "county_medical_community" | "city_medical_group" | "specialty_alliance" | "telemedicine_network";
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        /** Format: uuid */
                        leadInstitutionId: string;
                        leadInstitutionName: string;
                        regionCode: string;
                        active: boolean;
                        memberCount: number;
                        members?: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            kind: string;
                            regionCode: string;
                            joinedOn: string;
                            leftOn: string | null;
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addAllianceMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    institutionId: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    joinedOn: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    leftOn?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        /** Format: uuid */
                        leadInstitutionId: string;
                        leadInstitutionName: string;
                        regionCode: string;
                        active: boolean;
                        memberCount: number;
                        members?: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            kind: string;
                            regionCode: string;
                            joinedOn: string;
                            leftOn: string | null;
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAllianceMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                institutionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    leftOn: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        kind: string;
                        /** Format: uuid */
                        leadInstitutionId: string;
                        leadInstitutionName: string;
                        regionCode: string;
                        active: boolean;
                        memberCount: number;
                        members?: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            kind: string;
                            regionCode: string;
                            joinedOn: string;
                            leftOn: string | null;
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPractitioners: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                institutionId?: string;
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                title?: "resident" | "attending" | "associate_chief" | "chief";
                profession?: "physician" | "nurse" | "technician" | "pharmacist" | "manager";
                status?: "active" | "inactive" | "all";
                sort?: "name" | "-name" | "title" | "-title" | "createdAt" | "-createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            licenseNo: string | null;
                            profession: string;
                            title: string;
                            specialty: string | null;
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            regionCode: string;
                            active: boolean;
                            sites: {
                                /** Format: uuid */
                                institutionId: string;
                                institutionName: string;
                                /** @enum {string} */
                                kind: "main" | "filed";
                            }[];
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description 执业证书编码 */
                    licenseNo?: string | null;
                    /** @enum {string} */
                    profession: "physician" | "nurse" | "technician" | "pharmacist" | "manager";
                    /** @enum {string} */
                    title: "resident" | "attending" | "associate_chief" | "chief";
                    specialty?: string | null;
                    /** Format: uuid */
                    institutionId: string;
                    /** @description Institutions where practice is filed (备案); the home institution is the main site */
                    filedSites?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        licenseNo: string | null;
                        profession: string;
                        title: string;
                        specialty: string | null;
                        /** Format: uuid */
                        institutionId: string;
                        institutionName: string;
                        regionCode: string;
                        active: boolean;
                        sites: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            /** @enum {string} */
                            kind: "main" | "filed";
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        licenseNo: string | null;
                        profession: string;
                        title: string;
                        specialty: string | null;
                        /** Format: uuid */
                        institutionId: string;
                        institutionName: string;
                        regionCode: string;
                        active: boolean;
                        sites: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            /** @enum {string} */
                            kind: "main" | "filed";
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updatePractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description 执业证书编码 */
                    licenseNo?: string | null;
                    /** @enum {string} */
                    profession?: "physician" | "nurse" | "technician" | "pharmacist" | "manager";
                    /** @enum {string} */
                    title?: "resident" | "attending" | "associate_chief" | "chief";
                    specialty?: string | null;
                    /** Format: uuid */
                    institutionId?: string;
                    /** @description Institutions where practice is filed (备案); the home institution is the main site */
                    filedSites?: string[];
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        licenseNo: string | null;
                        profession: string;
                        title: string;
                        specialty: string | null;
                        /** Format: uuid */
                        institutionId: string;
                        institutionName: string;
                        regionCode: string;
                        active: boolean;
                        sites: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            /** @enum {string} */
                            kind: "main" | "filed";
                        }[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importPractitioners: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPractitionerPlanning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        practitionerId: string;
                        department: string | null;
                        roles: ("management" | "clinical" | "discipline_leader" | "nursing" | "technician")[];
                        earliestStart: string | null;
                        unavailable: {
                            start: string;
                            end: string;
                            reason?: string;
                        }[];
                        stored: boolean;
                        /** @description What the planner assumes without a stored profile: roles from the profession, department = specialty (else general) */
                        defaults: {
                            department: string;
                            roles: ("management" | "clinical" | "discipline_leader" | "nursing" | "technician")[];
                        };
                        updatedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPractitionerPlanning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description null: the default (specialty, else general) */
                    department?: string | null;
                    /** @description Dispatch roles this person may take, each once */
                    roles: ("management" | "clinical" | "discipline_leader" | "nursing" | "technician")[];
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    earliestStart?: string | null;
                    unavailable?: {
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        start: string;
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        end: string;
                        reason?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        practitionerId: string;
                        department: string | null;
                        roles: ("management" | "clinical" | "discipline_leader" | "nursing" | "technician")[];
                        earliestStart: string | null;
                        unavailable: {
                            start: string;
                            end: string;
                            reason?: string;
                        }[];
                        stored: boolean;
                        /** @description What the planner assumes without a stored profile: roles from the profession, department = specialty (else general) */
                        defaults: {
                            department: string;
                            roles: ("management" | "clinical" | "discipline_leader" | "nursing" | "technician")[];
                        };
                        updatedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCapabilityNeeds: {
        parameters: {
            query?: {
                year?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        institutionId: string;
                        year: number;
                        needs: {
                            specialty: string;
                            /** @enum {string} */
                            source: "assessment" | "technique_request";
                            technique: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCapabilityNeeds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    year: number;
                    /** @description Replaces the year's set */
                    needs: {
                        specialty: string;
                        /** @enum {string} */
                        source: "assessment" | "technique_request";
                        /** @description Required for technique_request, absent otherwise */
                        technique?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        institutionId: string;
                        year: number;
                        needs: {
                            specialty: string;
                            /** @enum {string} */
                            source: "assessment" | "technique_request";
                            technique: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSupportCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        institutionId: string;
                        maxRecipients: number;
                        staffBySpecialty: {
                            [key: string]: number;
                        };
                        stored: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setSupportCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    maxRecipients: number;
                    /** @description Staff it can send in a year, per specialty */
                    staffBySpecialty?: {
                        [key: string]: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        institutionId: string;
                        maxRecipients: number;
                        staffBySpecialty: {
                            [key: string]: number;
                        };
                        stored: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProvincePairings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pairings: {
                            supporterProvince: string;
                            recipientProvince: string;
                            supporterName: string;
                            recipientName: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setProvincePairings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Replaces the set */
                    pairings: {
                        /** @description Province code (GB/T 2260, ends in 0000) */
                        supporterProvince: string;
                        /** @description Province code (GB/T 2260, ends in 0000) */
                        recipientProvince: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pairings: {
                            supporterProvince: string;
                            recipientProvince: string;
                            supporterName: string;
                            recipientName: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                role?: "national_admin" | "health_official" | "institution_coordinator" | "clinician" | "stationed_doctor";
                status?: "active" | "inactive" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string;
                            role: string;
                            regionCode: string | null;
                            regionName: string | null;
                            institutionId: string | null;
                            institutionName: string | null;
                            active: boolean;
                            createdAt: string;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 3–40 of a-z 0-9 . _ - */
                    username: string;
                    displayName: string;
                    /** @description At least 10 characters */
                    password: string;
                    /** @enum {string} */
                    role: "national_admin" | "health_official" | "institution_coordinator" | "clinician" | "stationed_doctor";
                    /** @description GB/T 2260 code, 6 digits */
                    regionCode?: string | null;
                    /** Format: uuid */
                    institutionId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        active: boolean;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        active: boolean;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    /** @description At least 10 characters */
                    password?: string;
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        role: string;
                        regionCode: string | null;
                        regionName: string | null;
                        institutionId: string | null;
                        institutionName: string | null;
                        active: boolean;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            userId: string;
                            username: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: uuid */
                    userId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        prefix: string;
                        /** Format: uuid */
                        userId: string;
                        username: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description Shown once; store it in the hospital system */
                        token: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        prefix: string;
                        /** Format: uuid */
                        userId: string;
                        username: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                entity?: string;
                entityId?: string;
                actor?: string;
                action?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            at: string;
                            actorName: string;
                            action: string;
                            entity: string;
                            entityId: string | null;
                            regionCode: string | null;
                            before: {
                                [key: string]: unknown;
                            } | null;
                            after: {
                                [key: string]: unknown;
                            } | null;
                            requestId: string | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAgreements: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                institutionId?: string;
                status?: "draft" | "active" | "suspended" | "ended";
                /** @description Agreements active at some point in this year */
                year?: number;
                sort?: "code" | "-code" | "startsOn" | "-startsOn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            packId: string;
                            mode: string;
                            startsOn: string;
                            endsOn: string;
                            specialties: string[];
                            status: string;
                            regionCode: string;
                            recipient: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                regionCode: string;
                                kind: string;
                            };
                            supporters: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                regionCode: string;
                                kind: string;
                            }[];
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 协议编号, e.g. ZJ-GZ-2024-001 */
                    code: string;
                    supporterIds: string[];
                    /** Format: uuid */
                    recipientId: string;
                    packId: string;
                    /** @enum {string} */
                    mode: "one_to_one" | "group" | "trusteeship" | "department_contract";
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    startsOn: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    endsOn: string;
                    specialties?: string[];
                    /**
                     * @default active
                     * @enum {string}
                     */
                    status?: "draft" | "active" | "suspended" | "ended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        packId: string;
                        mode: string;
                        startsOn: string;
                        endsOn: string;
                        specialties: string[];
                        status: string;
                        regionCode: string;
                        recipient: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        };
                        supporters: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        packId: string;
                        mode: string;
                        startsOn: string;
                        endsOn: string;
                        specialties: string[];
                        status: string;
                        regionCode: string;
                        recipient: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        };
                        supporters: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    packId?: string;
                    /** @enum {string} */
                    mode?: "one_to_one" | "group" | "trusteeship" | "department_contract";
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    endsOn?: string;
                    specialties?: string[];
                    /** @enum {string} */
                    status?: "draft" | "active" | "suspended" | "ended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        packId: string;
                        mode: string;
                        startsOn: string;
                        endsOn: string;
                        specialties: string[];
                        status: string;
                        regionCode: string;
                        recipient: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        };
                        supporters: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            regionCode: string;
                            kind: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDispatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            agreementId: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            /** Format: uuid */
                            homeInstitutionId: string;
                            role: string;
                            title: string;
                            batch: string | null;
                            plannedStart: string;
                            plannedEnd: string;
                            actualStart: string | null;
                            actualEnd: string | null;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createDispatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    practitionerId: string;
                    /** @enum {string} */
                    role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                    /**
                     * @description Defaults to the practitioner's current title
                     * @enum {string}
                     */
                    title?: "resident" | "attending" | "associate_chief" | "chief";
                    batch?: string | null;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    plannedStart: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    plannedEnd: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    actualStart?: string | null;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    actualEnd?: string | null;
                    /**
                     * @default planned
                     * @enum {string}
                     */
                    status?: "planned" | "active" | "completed" | "cancelled";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        agreementId: string;
                        /** Format: uuid */
                        practitionerId: string;
                        practitionerName: string;
                        /** Format: uuid */
                        homeInstitutionId: string;
                        role: string;
                        title: string;
                        batch: string | null;
                        plannedStart: string;
                        plannedEnd: string;
                        actualStart: string | null;
                        actualEnd: string | null;
                        status: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDispatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                    batch?: string | null;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    plannedStart?: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    plannedEnd?: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    actualStart?: string | null;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    actualEnd?: string | null;
                    /** @enum {string} */
                    status?: "planned" | "active" | "completed" | "cancelled";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        agreementId: string;
                        /** Format: uuid */
                        practitionerId: string;
                        practitionerName: string;
                        /** Format: uuid */
                        homeInstitutionId: string;
                        role: string;
                        title: string;
                        batch: string | null;
                        plannedStart: string;
                        plannedEnd: string;
                        actualStart: string | null;
                        actualEnd: string | null;
                        status: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAgreementCompliance: {
        parameters: {
            query: {
                year: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreement: string;
                        pack: string;
                        year: number;
                        period: {
                            from: string;
                            to: string;
                        };
                        asOf?: string;
                        /** @enum {string} */
                        status: "pass" | "fail" | "at_risk";
                        rules: ({
                            id: string;
                            /** @enum {string} */
                            status: "pass" | "fail" | "at_risk";
                            message: string;
                            messageEn: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getComplianceBoard: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Agreement code, supporter or recipient name (any part) */
                q?: string;
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                year: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
                status?: "fail" | "at_risk" | "pass";
                supporterId?: string;
                packId?: string;
                /** @description true: only agreements with a flag (false: only those without) */
                flagged?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        year: number;
                        asOf: string;
                        /** @description The region asked for, else the caller's region or institution */
                        regionName: string;
                        /** @description Agreements by status under every filter but the status; flagged ones under every filter but the status and `flagged` */
                        totals: {
                            pass: number;
                            fail: number;
                            at_risk: number;
                            /** @description Agreements with at least one flag, under every filter but the status and `flagged` */
                            flagged: number;
                            /** @description Agreements with each kind of flag, under the same filters */
                            flags: {
                                away_days: number;
                                without_location_days: number;
                                empty_work_log: number;
                                unconfirmed_months: number;
                                low_rating: number;
                            };
                        };
                        /** @description Agreements under every filter, the status included */
                        total: number;
                        page: number;
                        pageSize: number;
                        items: {
                            agreement: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                packId: string;
                                mode: string;
                                startsOn: string;
                                endsOn: string;
                                specialties: string[];
                                status: string;
                                regionCode: string;
                                recipient: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    regionCode: string;
                                    kind: string;
                                };
                                supporters: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    regionCode: string;
                                    kind: string;
                                }[];
                            };
                            report: {
                                agreement: string;
                                pack: string;
                                year: number;
                                period: {
                                    from: string;
                                    to: string;
                                };
                                asOf?: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: ({
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            };
                            /** @description Warnings officials can act on, with their evidence */
                            flags: ({
                                /** @enum {string} */
                                kind: "away_days" | "without_location_days";
                                /** @description Practitioner id */
                                person: string;
                                name: string;
                                message: string;
                                messageEn: string;
                                days: number;
                                /** @description Check-ins with location evidence in the year so far */
                                checkIns: number;
                                share: number;
                                firstDate: string | null;
                                lastDate: string | null;
                                minShare: number;
                                minDays: number;
                            } | {
                                /** @enum {string} */
                                kind: "empty_work_log";
                                /** @description Practitioner id */
                                person: string;
                                name: string;
                                message: string;
                                messageEn: string;
                                months: {
                                    month: string;
                                    stationedDays: number;
                                    checkIns: number;
                                }[];
                            } | {
                                /** @enum {string} */
                                kind: "unconfirmed_months";
                                /** @description Practitioner id */
                                person: string;
                                name: string;
                                message: string;
                                messageEn: string;
                                months: {
                                    month: string;
                                    /** @enum {string} */
                                    status: "open" | "disputed";
                                    dueBy: string;
                                }[];
                            } | {
                                /** @enum {string} */
                                kind: "low_rating";
                                /** @description Practitioner id */
                                person: string;
                                name: string;
                                message: string;
                                messageEn: string;
                                /** @description end (of the stay) or YYYY-Qn */
                                period: string;
                                mean: number;
                                ratings: number;
                                threshold: number;
                            })[];
                        }[];
                        supporters: {
                            id: string;
                            name: string;
                        }[];
                        packs: {
                            id: string;
                            zh: string;
                            en: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportComplianceBoard: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Agreement code, supporter or recipient name (any part) */
                q?: string;
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                year: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
                status?: "fail" | "at_risk" | "pass";
                supporterId?: string;
                packId?: string;
                /** @description true: only agreements with a flag (false: only those without) */
                flagged?: boolean;
                /** @description Language of headers and values; else Accept-Language, else zh */
                lang?: "zh" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The board as a spreadsheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCoverageWarnings: {
        parameters: {
            query: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                days: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOf: string;
                        days: number;
                        items: {
                            agreement: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                packId: string;
                                mode: string;
                                startsOn: string;
                                endsOn: string;
                                specialties: string[];
                                status: string;
                                regionCode: string;
                                recipient: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    regionCode: string;
                                    kind: string;
                                };
                                supporters: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    regionCode: string;
                                    kind: string;
                                }[];
                            };
                            gaps: {
                                from: string;
                                to: string;
                            }[];
                            firstGapInDays: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        today: string;
                        stationedToday: {
                            institutionName: string;
                            agreementCode: string;
                        } | null;
                        days: {
                            /** Format: date */
                            date: string;
                            stationed: boolean;
                            /** @enum {string} */
                            status: "none" | "submitted" | "confirmed" | "disputed";
                            activities: string[];
                            reviewNote: string | null;
                            locationClass: string | null;
                            distanceMeters: number | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    activities: ("clinic" | "ward_round" | "surgery" | "teaching" | "training" | "consultation" | "management")[];
                    patients?: number;
                    trainees?: number;
                    note?: string;
                    position?: {
                        latitude: number;
                        longitude: number;
                        accuracyMeters: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        agreementId: string;
                        /** Format: uuid */
                        dispatchId: string;
                        /** Format: uuid */
                        practitionerId: string;
                        practitionerName: string;
                        date: string;
                        activities: string[];
                        patients: number | null;
                        trainees: number | null;
                        note: string | null;
                        status: string;
                        reviewNote: string | null;
                        locationClass: string | null;
                        distanceMeters: number | null;
                        siteApproximate?: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reviewAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "confirmed" | "disputed";
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAttendance: {
        parameters: {
            query: {
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            agreementId: string;
                            /** Format: uuid */
                            dispatchId: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            date: string;
                            activities: string[];
                            patients: number | null;
                            trainees: number | null;
                            note: string | null;
                            status: string;
                            reviewNote: string | null;
                            locationClass: string | null;
                            distanceMeters: number | null;
                            siteApproximate?: boolean;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRulePacks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            version: number;
                            name: {
                                zh: string;
                                en: string;
                            };
                            /** @description The built-in pack a copy was made from */
                            basedOn?: string;
                            rules: ({
                                id: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            builtIn: boolean;
                            regionCode: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    copyRulePack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description New pack id, e.g. gz_city_tertiary_to_county */
                    id: string;
                    basedOn: string;
                    name: {
                        zh: string;
                        en: string;
                    };
                    /** @description GB/T 2260 code, 6 digits */
                    regionCode: string;
                    parameters?: {
                        [key: string]: {
                            [key: string]: number | string | boolean;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        version: number;
                        name: {
                            zh: string;
                            en: string;
                        };
                        /** @description The built-in pack a copy was made from */
                        basedOn?: string;
                        rules: ({
                            id: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        builtIn: boolean;
                        regionCode: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServiceCredit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        practitionerId: string;
                        name: string;
                        institutionName: string;
                        asOf: string;
                        totalDays: number;
                        requiredDays: number;
                        eligible: boolean;
                        /** @description Confirmed work only: lines the recipient has confirmed (recorded or disputed lines are not counted) */
                        work: {
                            /** @description Patients seen in confirmed outpatient sessions */
                            outpatientVisits: number;
                            /** @description Confirmed operations (lead or assistant) */
                            operations: number;
                            /** @description Minutes of confirmed teaching / 60, one decimal */
                            teachingHours: number;
                            /** @description Attendees of confirmed teaching plus people mentored (带教) on confirmed lines */
                            peopleTrained: number;
                            /** @description Confirmed work-log lines counted */
                            lines: number;
                        };
                        stays: {
                            agreementCode: string;
                            recipientName: string;
                            from: string;
                            to: string;
                            days: number;
                            /** @description Confirmed work only: lines the recipient has confirmed (recorded or disputed lines are not counted) */
                            work: {
                                /** @description Patients seen in confirmed outpatient sessions */
                                outpatientVisits: number;
                                /** @description Confirmed operations (lead or assistant) */
                                operations: number;
                                /** @description Minutes of confirmed teaching / 60, one decimal */
                                teachingHours: number;
                                /** @description Attendees of confirmed teaching plus people mentored (带教) on confirmed lines */
                                peopleTrained: number;
                                /** @description Confirmed work-log lines counted */
                                lines: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServiceCreditCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAgreementFlags: {
        parameters: {
            query: {
                year: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        year: number;
                        asOf: string;
                        thresholds: {
                            awayShare: number;
                            withoutLocationShare: number;
                            minDays: number;
                            emptyLogMinDays: number;
                            confirmGraceDays: number;
                            lowRating: number;
                        };
                        items: ({
                            /** @enum {string} */
                            kind: "away_days" | "without_location_days";
                            /** @description Practitioner id */
                            person: string;
                            name: string;
                            message: string;
                            messageEn: string;
                            days: number;
                            /** @description Check-ins with location evidence in the year so far */
                            checkIns: number;
                            share: number;
                            firstDate: string | null;
                            lastDate: string | null;
                            minShare: number;
                            minDays: number;
                        } | {
                            /** @enum {string} */
                            kind: "empty_work_log";
                            /** @description Practitioner id */
                            person: string;
                            name: string;
                            message: string;
                            messageEn: string;
                            months: {
                                month: string;
                                stationedDays: number;
                                checkIns: number;
                            }[];
                        } | {
                            /** @enum {string} */
                            kind: "unconfirmed_months";
                            /** @description Practitioner id */
                            person: string;
                            name: string;
                            message: string;
                            messageEn: string;
                            months: {
                                month: string;
                                /** @enum {string} */
                                status: "open" | "disputed";
                                dueBy: string;
                            }[];
                        } | {
                            /** @enum {string} */
                            kind: "low_rating";
                            /** @description Practitioner id */
                            person: string;
                            name: string;
                            message: string;
                            messageEn: string;
                            /** @description end (of the stay) or YYYY-Qn */
                            period: string;
                            mean: number;
                            ratings: number;
                            threshold: number;
                        })[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAgreementWorkTotals: {
        parameters: {
            query?: {
                /** @description YYYY-MM */
                from?: string;
                /** @description YYYY-MM */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreementId: string;
                        /** @description First month counted (YYYY-MM), null: from the start */
                        from: string | null;
                        /** @description Last month counted (YYYY-MM), null: up to now */
                        to: string | null;
                        /** @description Confirmed work only: lines the recipient has confirmed (recorded or disputed lines are not counted) */
                        total: {
                            /** @description Patients seen in confirmed outpatient sessions */
                            outpatientVisits: number;
                            /** @description Confirmed operations (lead or assistant) */
                            operations: number;
                            /** @description Minutes of confirmed teaching / 60, one decimal */
                            teachingHours: number;
                            /** @description Attendees of confirmed teaching plus people mentored (带教) on confirmed lines */
                            peopleTrained: number;
                            /** @description Confirmed work-log lines counted */
                            lines: number;
                        };
                        months: {
                            month: string;
                            /** @description Patients seen in confirmed outpatient sessions */
                            outpatientVisits: number;
                            /** @description Confirmed operations (lead or assistant) */
                            operations: number;
                            /** @description Minutes of confirmed teaching / 60, one decimal */
                            teachingHours: number;
                            /** @description Attendees of confirmed teaching plus people mentored (带教) on confirmed lines */
                            peopleTrained: number;
                            /** @description Confirmed work-log lines counted */
                            lines: number;
                        }[];
                        people: {
                            practitionerId: string;
                            practitionerName: string;
                            supporterId: string;
                            supporterName: string;
                            /** @description Patients seen in confirmed outpatient sessions */
                            outpatientVisits: number;
                            /** @description Confirmed operations (lead or assistant) */
                            operations: number;
                            /** @description Minutes of confirmed teaching / 60, one decimal */
                            teachingHours: number;
                            /** @description Attendees of confirmed teaching plus people mentored (带教) on confirmed lines */
                            peopleTrained: number;
                            /** @description Confirmed work-log lines counted */
                            lines: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWorkLog: {
        parameters: {
            query: {
                agreementId?: string;
                practitionerId?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to?: string;
                kind?: "outpatient" | "operation" | "ward_round" | "teaching" | "mentoring" | "technique";
                status?: "recorded" | "confirmed" | "disputed";
                page: number;
                pageSize: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            agreementId: string;
                            agreementCode: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            /** Format: date */
                            date: string;
                            /** @enum {string} */
                            kind: "outpatient" | "operation" | "ward_round" | "teaching" | "mentoring" | "technique";
                            patients: number | null;
                            operationName: string | null;
                            procedureCode: string | null;
                            operationRole: string | null;
                            topic: string | null;
                            attendees: number | null;
                            minutes: number | null;
                            mentees: number | null;
                            /** Format: uuid */
                            techniqueId: string | null;
                            techniqueName: string | null;
                            note: string | null;
                            /** @description log | check_in */
                            source: string;
                            /** @enum {string} */
                            status: "recorded" | "confirmed" | "disputed";
                            reviewNote: string | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWorkLine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    /** @enum {string} */
                    kind: "outpatient" | "operation" | "ward_round" | "teaching" | "mentoring" | "technique";
                    patients?: number;
                    operationName?: string;
                    /** @description ICD-9-CM-3 procedure code, e.g. 47.09 */
                    procedureCode?: string;
                    /** @enum {string} */
                    operationRole?: "lead" | "assistant";
                    topic?: string;
                    attendees?: number;
                    minutes?: number;
                    mentees?: number;
                    /** Format: uuid */
                    techniqueId?: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkLogOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        today: string;
                        stays: {
                            /** Format: uuid */
                            agreementId: string;
                            agreementCode: string;
                            recipientName: string;
                            from: string;
                            to: string;
                        }[];
                        techniques: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            agreementId: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWorkLine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWorkLine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date?: string;
                    /** @enum {string} */
                    kind?: "outpatient" | "operation" | "ward_round" | "teaching" | "mentoring" | "technique";
                    patients?: number | null;
                    operationName?: string | null;
                    /** @description ICD-9-CM-3 procedure code, e.g. 47.09 */
                    procedureCode?: string | null;
                    /** @enum {string|null} */
                    operationRole?: "lead" | "assistant" | null;
                    topic?: string | null;
                    attendees?: number | null;
                    minutes?: number | null;
                    mentees?: number | null;
                    /** Format: uuid */
                    techniqueId?: string | null;
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWorkMonths: {
        parameters: {
            query: {
                agreementId?: string;
                practitionerId?: string;
                /** @description YYYY-MM */
                month?: string;
                status?: "open" | "confirmed" | "disputed";
                page: number;
                pageSize: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            agreementId: string;
                            agreementCode: string;
                            /** Format: uuid */
                            recipientId: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            month: string;
                            /** @enum {string} */
                            status: "open" | "confirmed" | "disputed";
                            plan: string | null;
                            totals: {
                                outpatientPatients: number;
                                operations: number;
                                wardRounds: number;
                                teachingSessions: number;
                                teachingMinutes: number;
                                attendees: number;
                                mentees: number;
                                techniques: number;
                                lines: number;
                            };
                            lineStatus: {
                                recorded: number;
                                confirmed: number;
                                disputed: number;
                            };
                            reviewNote: string | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reviewWorkMonth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
                practitionerId: string;
                /** @description YYYY-MM */
                month: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "confirmed" | "disputed";
                    note?: string;
                    disputed?: {
                        /** Format: uuid */
                        entryId: string;
                        note: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        agreementId: string;
                        /** Format: uuid */
                        practitionerId: string;
                        month: string;
                        /** @enum {string} */
                        status: "confirmed" | "disputed";
                        confirmed: number;
                        disputed: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rateStay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description `end`, or a quarter `YYYY-Qn` of a stay longer than three months */
                period: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attendance: number;
                    clinical: number;
                    teaching: number;
                    conduct: number;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description recipient: its coordinator's ratings per stay; aggregate: the supporter's and officials' view; own: the stationed person's own aggregate */
                        view: "recipient" | "aggregate" | "own";
                        asOf: string;
                        stays: {
                            /** Format: uuid */
                            dispatchId: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            role: string;
                            start: string;
                            end: string;
                            periods: {
                                period: string;
                                lastDay: string;
                                due: boolean;
                                rating: {
                                    period: string;
                                    attendance: number;
                                    clinical: number;
                                    teaching: number;
                                    conduct: number;
                                    comment: string | null;
                                    ratedAt: string;
                                } | null;
                            }[];
                        }[];
                        people: {
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            means: {
                                attendance: number | null;
                                clinical: number | null;
                                teaching: number | null;
                                conduct: number | null;
                            };
                            overall: number | null;
                            count: number;
                            /** @description Ratings with an aspect below 3 */
                            low: number;
                            /** @description Due periods of the person's stays still unrated */
                            unrated: {
                                /** Format: uuid */
                                dispatchId: string;
                                period: string;
                            }[];
                            /** @description The comments, in text order (no author, date or period); empty for the person themselves */
                            comments: string[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStayRatings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description recipient: its coordinator's ratings per stay; aggregate: the supporter's and officials' view; own: the stationed person's own aggregate */
                        view: "recipient" | "aggregate" | "own";
                        asOf: string;
                        stays: {
                            /** Format: uuid */
                            dispatchId: string;
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            role: string;
                            start: string;
                            end: string;
                            periods: {
                                period: string;
                                lastDay: string;
                                due: boolean;
                                rating: {
                                    period: string;
                                    attendance: number;
                                    clinical: number;
                                    teaching: number;
                                    conduct: number;
                                    comment: string | null;
                                    ratedAt: string;
                                } | null;
                            }[];
                        }[];
                        people: {
                            /** Format: uuid */
                            practitionerId: string;
                            practitionerName: string;
                            means: {
                                attendance: number | null;
                                clinical: number | null;
                                teaching: number | null;
                                conduct: number | null;
                            };
                            overall: number | null;
                            count: number;
                            /** @description Ratings with an aspect below 3 */
                            low: number;
                            /** @description Due periods of the person's stays still unrated */
                            unrated: {
                                /** Format: uuid */
                                dispatchId: string;
                                period: string;
                            }[];
                            /** @description The comments, in text order (no author, date or period); empty for the person themselves */
                            comments: string[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveWorkMonthPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
                practitionerId: string;
                /** @description YYYY-MM (China calendar) */
                month: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan?: string;
                    summary?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        agreement: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            recipient: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            supporters: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                        };
                        person: {
                            /** Format: uuid */
                            practitionerId: string;
                            name: string;
                            institutionName: string;
                            title: string;
                            role: string;
                        };
                        stays: {
                            from: string;
                            to: string;
                        }[];
                        stationedDays: number;
                        plan: string | null;
                        /** Format: date-time */
                        planUpdatedAt: string | null;
                        summary: string | null;
                        checkIns: {
                            days: number;
                            onSite: number;
                            away: number;
                            withoutLocation: number;
                            unclassified: number;
                            confirmed: number;
                            disputed: number;
                        };
                        totals: {
                            outpatientPatients: number;
                            outpatientSessions: number;
                            operations: number;
                            operationsLead: number;
                            wardRounds: number;
                            wardRoundPatients: number;
                            teachingSessions: number;
                            teachingMinutes: number;
                            attendees: number;
                            mentees: number;
                            techniques: number;
                            techniquePatients: number;
                            lines: number;
                        };
                        confirmedTotals: {
                            outpatientPatients: number;
                            outpatientSessions: number;
                            operations: number;
                            operationsLead: number;
                            wardRounds: number;
                            wardRoundPatients: number;
                            teachingSessions: number;
                            teachingMinutes: number;
                            attendees: number;
                            mentees: number;
                            techniques: number;
                            techniquePatients: number;
                            lines: number;
                        };
                        disputedLines: number;
                        operations: {
                            date: string;
                            name: string | null;
                            procedureCode: string | null;
                            role: string | null;
                            status: string;
                        }[];
                        teaching: {
                            date: string;
                            topic: string | null;
                            attendees: number | null;
                            minutes: number | null;
                            status: string;
                        }[];
                        techniques: {
                            date: string;
                            name: string | null;
                            patients: number | null;
                            status: string;
                        }[];
                        signOff: {
                            status: string;
                            /** Format: date-time */
                            at: string | null;
                            note: string | null;
                            institutionName: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkMonthReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
                practitionerId: string;
                /** @description YYYY-MM (China calendar) */
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        agreement: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            recipient: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            supporters: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                        };
                        person: {
                            /** Format: uuid */
                            practitionerId: string;
                            name: string;
                            institutionName: string;
                            title: string;
                            role: string;
                        };
                        stays: {
                            from: string;
                            to: string;
                        }[];
                        stationedDays: number;
                        plan: string | null;
                        /** Format: date-time */
                        planUpdatedAt: string | null;
                        summary: string | null;
                        checkIns: {
                            days: number;
                            onSite: number;
                            away: number;
                            withoutLocation: number;
                            unclassified: number;
                            confirmed: number;
                            disputed: number;
                        };
                        totals: {
                            outpatientPatients: number;
                            outpatientSessions: number;
                            operations: number;
                            operationsLead: number;
                            wardRounds: number;
                            wardRoundPatients: number;
                            teachingSessions: number;
                            teachingMinutes: number;
                            attendees: number;
                            mentees: number;
                            techniques: number;
                            techniquePatients: number;
                            lines: number;
                        };
                        confirmedTotals: {
                            outpatientPatients: number;
                            outpatientSessions: number;
                            operations: number;
                            operationsLead: number;
                            wardRounds: number;
                            wardRoundPatients: number;
                            teachingSessions: number;
                            teachingMinutes: number;
                            attendees: number;
                            mentees: number;
                            techniques: number;
                            techniquePatients: number;
                            lines: number;
                        };
                        disputedLines: number;
                        operations: {
                            date: string;
                            name: string | null;
                            procedureCode: string | null;
                            role: string | null;
                            status: string;
                        }[];
                        teaching: {
                            date: string;
                            topic: string | null;
                            attendees: number | null;
                            minutes: number | null;
                            status: string;
                        }[];
                        techniques: {
                            date: string;
                            name: string | null;
                            patients: number | null;
                            status: string;
                        }[];
                        signOff: {
                            status: string;
                            /** Format: date-time */
                            at: string | null;
                            note: string | null;
                            institutionName: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkMonthReportPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
                practitionerId: string;
                /** @description YYYY-MM (China calendar) */
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAgreementMonthlyReportPdf: {
        parameters: {
            query: {
                /** @description YYYY-MM (China calendar) */
                month: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    planRoster: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    supporterId: string;
                    year: number;
                    /**
                     * @description The solver's time limit; the best plan found by then is answered
                     * @default 30
                     */
                    timeLimitSeconds?: number;
                    /**
                     * @description Largest share of a department's staff away at once (at least one person always may)
                     * @default 0.34
                     */
                    departmentMaxAwayShare?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "roster" | "pairing";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        /** Format: uuid */
                        supporterId: string | null;
                        regionCode: string | null;
                        year: number | null;
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The request as the planner took it, defaults filled in */
                        params: {
                            [key: string]: unknown;
                        };
                        result: {
                            /** @enum {string} */
                            kind: "roster";
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            /** @description True when the plan breaks no rule */
                            feasible: boolean;
                            /** @description New planned dispatches */
                            dispatches: {
                                /** Format: uuid */
                                agreement: string;
                                /** Format: uuid */
                                person: string;
                                /** @enum {string} */
                                role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                /** Format: date */
                                start: string;
                                /** Format: date */
                                end: string;
                                batch: string | null;
                            }[];
                            /** @description Existing planned dispatches the plan keeps */
                            kept: string[];
                            /** @description Existing planned dispatches the plan cancels */
                            dropped: string[];
                            breaks: ({
                                /** @enum {string} */
                                rule: "full_year_coverage" | "min_staff" | "composition" | "senior_title" | "batch_size" | "fixed_physician" | "department_limit";
                                message: {
                                    zh: string;
                                    en: string;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Why no plan keeps every rule, in sentences a coordinator reads */
                            reasons: {
                                zh: string;
                                en: string;
                            }[];
                            /** @description The compliance engine's verdict on each agreement as the plan leaves it */
                            checks: {
                                agreement: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                }[];
                            }[];
                            totals: {
                                personMonths: number;
                                changes: number;
                                newDispatches: number;
                            };
                        } | {
                            /** @enum {string} */
                            kind: "pairing";
                            regionCode: string;
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            pairs: {
                                /** Format: uuid */
                                recipient: string;
                                /** Format: uuid */
                                supporter: string;
                                existing: boolean;
                                distanceKm: number;
                                /** @description Specialties of the recipient's needs this supporter covers */
                                covers: string[];
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            unmet: {
                                /** Format: uuid */
                                recipient: string;
                                /** @description Empty for a recipient with no needs that got no supporter */
                                specialty: string;
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            totals: {
                                recipients: number;
                                supporters: number;
                                pairs: number;
                                newPairs: number;
                                unmetNeeds: number;
                                distanceKm: number;
                            };
                        } | (never | null);
                        /** @description Roster runs: the supporter's staff named in the plan, read now (never stored with the plan) */
                        people: {
                            [key: string]: {
                                name: string;
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                department: string;
                            };
                        };
                        /** @description Roster runs: the plan's agreements */
                        agreements: {
                            [key: string]: {
                                code: string;
                                recipientName: string;
                            };
                        };
                        /** @description The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter) */
                        institutions: {
                            [key: string]: {
                                name: string;
                                regionCode: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "roster" | "pairing";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        /** Format: uuid */
                        supporterId: string | null;
                        regionCode: string | null;
                        year: number | null;
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The request as the planner took it, defaults filled in */
                        params: {
                            [key: string]: unknown;
                        };
                        result: {
                            /** @enum {string} */
                            kind: "roster";
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            /** @description True when the plan breaks no rule */
                            feasible: boolean;
                            /** @description New planned dispatches */
                            dispatches: {
                                /** Format: uuid */
                                agreement: string;
                                /** Format: uuid */
                                person: string;
                                /** @enum {string} */
                                role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                /** Format: date */
                                start: string;
                                /** Format: date */
                                end: string;
                                batch: string | null;
                            }[];
                            /** @description Existing planned dispatches the plan keeps */
                            kept: string[];
                            /** @description Existing planned dispatches the plan cancels */
                            dropped: string[];
                            breaks: ({
                                /** @enum {string} */
                                rule: "full_year_coverage" | "min_staff" | "composition" | "senior_title" | "batch_size" | "fixed_physician" | "department_limit";
                                message: {
                                    zh: string;
                                    en: string;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Why no plan keeps every rule, in sentences a coordinator reads */
                            reasons: {
                                zh: string;
                                en: string;
                            }[];
                            /** @description The compliance engine's verdict on each agreement as the plan leaves it */
                            checks: {
                                agreement: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                }[];
                            }[];
                            totals: {
                                personMonths: number;
                                changes: number;
                                newDispatches: number;
                            };
                        } | {
                            /** @enum {string} */
                            kind: "pairing";
                            regionCode: string;
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            pairs: {
                                /** Format: uuid */
                                recipient: string;
                                /** Format: uuid */
                                supporter: string;
                                existing: boolean;
                                distanceKm: number;
                                /** @description Specialties of the recipient's needs this supporter covers */
                                covers: string[];
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            unmet: {
                                /** Format: uuid */
                                recipient: string;
                                /** @description Empty for a recipient with no needs that got no supporter */
                                specialty: string;
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            totals: {
                                recipients: number;
                                supporters: number;
                                pairs: number;
                                newPairs: number;
                                unmetNeeds: number;
                                distanceKm: number;
                            };
                        } | (never | null);
                        /** @description Roster runs: the supporter's staff named in the plan, read now (never stored with the plan) */
                        people: {
                            [key: string]: {
                                name: string;
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                department: string;
                            };
                        };
                        /** @description Roster runs: the plan's agreements */
                        agreements: {
                            [key: string]: {
                                code: string;
                                recipientName: string;
                            };
                        };
                        /** @description The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter) */
                        institutions: {
                            [key: string]: {
                                name: string;
                                regionCode: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    planPairing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A province, prefecture or county code, or 000000 for the nation */
                    regionCode: string;
                    /** @description Defaults to this year */
                    year?: number;
                    /** @default true */
                    keepExisting?: boolean;
                    /** @default 60 */
                    timeLimitSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "roster" | "pairing";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        /** Format: uuid */
                        supporterId: string | null;
                        regionCode: string | null;
                        year: number | null;
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The request as the planner took it, defaults filled in */
                        params: {
                            [key: string]: unknown;
                        };
                        result: {
                            /** @enum {string} */
                            kind: "roster";
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            /** @description True when the plan breaks no rule */
                            feasible: boolean;
                            /** @description New planned dispatches */
                            dispatches: {
                                /** Format: uuid */
                                agreement: string;
                                /** Format: uuid */
                                person: string;
                                /** @enum {string} */
                                role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                /** Format: date */
                                start: string;
                                /** Format: date */
                                end: string;
                                batch: string | null;
                            }[];
                            /** @description Existing planned dispatches the plan keeps */
                            kept: string[];
                            /** @description Existing planned dispatches the plan cancels */
                            dropped: string[];
                            breaks: ({
                                /** @enum {string} */
                                rule: "full_year_coverage" | "min_staff" | "composition" | "senior_title" | "batch_size" | "fixed_physician" | "department_limit";
                                message: {
                                    zh: string;
                                    en: string;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Why no plan keeps every rule, in sentences a coordinator reads */
                            reasons: {
                                zh: string;
                                en: string;
                            }[];
                            /** @description The compliance engine's verdict on each agreement as the plan leaves it */
                            checks: {
                                agreement: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                }[];
                            }[];
                            totals: {
                                personMonths: number;
                                changes: number;
                                newDispatches: number;
                            };
                        } | {
                            /** @enum {string} */
                            kind: "pairing";
                            regionCode: string;
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            pairs: {
                                /** Format: uuid */
                                recipient: string;
                                /** Format: uuid */
                                supporter: string;
                                existing: boolean;
                                distanceKm: number;
                                /** @description Specialties of the recipient's needs this supporter covers */
                                covers: string[];
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            unmet: {
                                /** Format: uuid */
                                recipient: string;
                                /** @description Empty for a recipient with no needs that got no supporter */
                                specialty: string;
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            totals: {
                                recipients: number;
                                supporters: number;
                                pairs: number;
                                newPairs: number;
                                unmetNeeds: number;
                                distanceKm: number;
                            };
                        } | (never | null);
                        /** @description Roster runs: the supporter's staff named in the plan, read now (never stored with the plan) */
                        people: {
                            [key: string]: {
                                name: string;
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                department: string;
                            };
                        };
                        /** @description Roster runs: the plan's agreements */
                        agreements: {
                            [key: string]: {
                                code: string;
                                recipientName: string;
                            };
                        };
                        /** @description The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter) */
                        institutions: {
                            [key: string]: {
                                name: string;
                                regionCode: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "roster" | "pairing";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        /** Format: uuid */
                        supporterId: string | null;
                        regionCode: string | null;
                        year: number | null;
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The request as the planner took it, defaults filled in */
                        params: {
                            [key: string]: unknown;
                        };
                        result: {
                            /** @enum {string} */
                            kind: "roster";
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            /** @description True when the plan breaks no rule */
                            feasible: boolean;
                            /** @description New planned dispatches */
                            dispatches: {
                                /** Format: uuid */
                                agreement: string;
                                /** Format: uuid */
                                person: string;
                                /** @enum {string} */
                                role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                /** Format: date */
                                start: string;
                                /** Format: date */
                                end: string;
                                batch: string | null;
                            }[];
                            /** @description Existing planned dispatches the plan keeps */
                            kept: string[];
                            /** @description Existing planned dispatches the plan cancels */
                            dropped: string[];
                            breaks: ({
                                /** @enum {string} */
                                rule: "full_year_coverage" | "min_staff" | "composition" | "senior_title" | "batch_size" | "fixed_physician" | "department_limit";
                                message: {
                                    zh: string;
                                    en: string;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Why no plan keeps every rule, in sentences a coordinator reads */
                            reasons: {
                                zh: string;
                                en: string;
                            }[];
                            /** @description The compliance engine's verdict on each agreement as the plan leaves it */
                            checks: {
                                agreement: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                }[];
                            }[];
                            totals: {
                                personMonths: number;
                                changes: number;
                                newDispatches: number;
                            };
                        } | {
                            /** @enum {string} */
                            kind: "pairing";
                            regionCode: string;
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            pairs: {
                                /** Format: uuid */
                                recipient: string;
                                /** Format: uuid */
                                supporter: string;
                                existing: boolean;
                                distanceKm: number;
                                /** @description Specialties of the recipient's needs this supporter covers */
                                covers: string[];
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            unmet: {
                                /** Format: uuid */
                                recipient: string;
                                /** @description Empty for a recipient with no needs that got no supporter */
                                specialty: string;
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            totals: {
                                recipients: number;
                                supporters: number;
                                pairs: number;
                                newPairs: number;
                                unmetNeeds: number;
                                distanceKm: number;
                            };
                        } | (never | null);
                        /** @description Roster runs: the supporter's staff named in the plan, read now (never stored with the plan) */
                        people: {
                            [key: string]: {
                                name: string;
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                department: string;
                            };
                        };
                        /** @description Roster runs: the plan's agreements */
                        agreements: {
                            [key: string]: {
                                code: string;
                                recipientName: string;
                            };
                        };
                        /** @description The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter) */
                        institutions: {
                            [key: string]: {
                                name: string;
                                regionCode: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPlans: {
        parameters: {
            query: {
                kind?: "roster" | "pairing";
                supporterId?: string;
                page: number;
                pageSize: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "roster" | "pairing";
                            /** @enum {string} */
                            status: "running" | "done" | "failed";
                            /** Format: uuid */
                            supporterId: string | null;
                            regionCode: string | null;
                            year: number | null;
                            error: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** Format: date-time */
                            appliedAt: string | null;
                            supporterName: string | null;
                            /** @description Roster runs that are done: whether the plan breaks no rule */
                            feasible: boolean | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "roster" | "pairing";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        /** Format: uuid */
                        supporterId: string | null;
                        regionCode: string | null;
                        year: number | null;
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: date-time */
                        appliedAt: string | null;
                        /** @description The request as the planner took it, defaults filled in */
                        params: {
                            [key: string]: unknown;
                        };
                        result: {
                            /** @enum {string} */
                            kind: "roster";
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            /** @description True when the plan breaks no rule */
                            feasible: boolean;
                            /** @description New planned dispatches */
                            dispatches: {
                                /** Format: uuid */
                                agreement: string;
                                /** Format: uuid */
                                person: string;
                                /** @enum {string} */
                                role: "management" | "clinical" | "discipline_leader" | "nursing" | "technician";
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                /** Format: date */
                                start: string;
                                /** Format: date */
                                end: string;
                                batch: string | null;
                            }[];
                            /** @description Existing planned dispatches the plan keeps */
                            kept: string[];
                            /** @description Existing planned dispatches the plan cancels */
                            dropped: string[];
                            breaks: ({
                                /** @enum {string} */
                                rule: "full_year_coverage" | "min_staff" | "composition" | "senior_title" | "batch_size" | "fixed_physician" | "department_limit";
                                message: {
                                    zh: string;
                                    en: string;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Why no plan keeps every rule, in sentences a coordinator reads */
                            reasons: {
                                zh: string;
                                en: string;
                            }[];
                            /** @description The compliance engine's verdict on each agreement as the plan leaves it */
                            checks: {
                                agreement: string;
                                /** @enum {string} */
                                status: "pass" | "fail" | "at_risk";
                                rules: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "at_risk";
                                    message: string;
                                    messageEn: string;
                                }[];
                            }[];
                            totals: {
                                personMonths: number;
                                changes: number;
                                newDispatches: number;
                            };
                        } | {
                            /** @enum {string} */
                            kind: "pairing";
                            regionCode: string;
                            year: number;
                            solver: {
                                /** @enum {string} */
                                status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
                                objective: number | null;
                                bound: number | null;
                                gap: number | null;
                                seconds: number;
                                heapBytes: number;
                                columns: number;
                                rows: number;
                            };
                            pairs: {
                                /** Format: uuid */
                                recipient: string;
                                /** Format: uuid */
                                supporter: string;
                                existing: boolean;
                                distanceKm: number;
                                /** @description Specialties of the recipient's needs this supporter covers */
                                covers: string[];
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            unmet: {
                                /** Format: uuid */
                                recipient: string;
                                /** @description Empty for a recipient with no needs that got no supporter */
                                specialty: string;
                                why: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            totals: {
                                recipients: number;
                                supporters: number;
                                pairs: number;
                                newPairs: number;
                                unmetNeeds: number;
                                distanceKm: number;
                            };
                        } | (never | null);
                        /** @description Roster runs: the supporter's staff named in the plan, read now (never stored with the plan) */
                        people: {
                            [key: string]: {
                                name: string;
                                /** @enum {string} */
                                title: "resident" | "attending" | "associate_chief" | "chief";
                                department: string;
                            };
                        };
                        /** @description Roster runs: the plan's agreements */
                        agreements: {
                            [key: string]: {
                                code: string;
                                recipientName: string;
                            };
                        };
                        /** @description The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter) */
                        institutions: {
                            [key: string]: {
                                name: string;
                                regionCode: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    applyPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: number;
                        cancelled: number;
                        /** @description The dispatches created, in the plan's order */
                        dispatchIds: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReferrals: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                role: "incoming" | "outgoing";
                direction?: "up" | "down";
                status?: "draft" | "submitted" | "accepted" | "scheduled" | "arrived" | "completed" | "rejected" | "cancelled" | "expired";
                priority?: "routine" | "urgent" | "green_channel";
                department?: string;
                /** @description action: what still waits on someone, in the order to deal with it; finished: completed, rejected, cancelled, expired, latest first; all (default): both, in that order */
                view?: "action" | "all" | "finished";
                /** @description A patient's name (part of it), or the last 2–4 characters of their ID number (those who see masked numbers only: the last 2). A whole ID number is refused: look it up in the patient index. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            direction: "up" | "down";
                            /** @enum {string} */
                            priority: "routine" | "urgent" | "green_channel";
                            /** @enum {string} */
                            status: "draft" | "submitted" | "accepted" | "scheduled" | "arrived" | "completed" | "rejected" | "cancelled" | "expired";
                            /** Format: uuid */
                            fromInstitutionId: string;
                            fromInstitutionName: string;
                            /** Format: uuid */
                            toInstitutionId: string;
                            toInstitutionName: string;
                            department: string;
                            patient: {
                                /**
                                 * Format: uuid
                                 * @description The person in the patient index (null only for a row the linking has not reached)
                                 */
                                id: string | null;
                                name: string;
                                sex: string;
                                birthDate: string;
                                /** @description Masked unless the caller treats the patient; null without an ID card */
                                idNumber: string | null;
                                phone: string | null;
                                homeCounty: string | null;
                            };
                            reason: {
                                icd10: string;
                                text: string;
                            };
                            summary: string | null;
                            slotId: string | null;
                            bedId: string | null;
                            /** @description The reserved outpatient slot or bed booked for the patient; null until one is */
                            booking: {
                                /** @enum {string} */
                                kind: "slot" | "bed";
                                /** @description The receiving hospital, where the patient goes */
                                institutionName: string;
                                /** @description The department of a slot, the ward of a bed */
                                unit: string;
                                date: string;
                            } | null;
                            parentId: string | null;
                            /** Format: uuid */
                            downReferralId?: string | null;
                            submittedAt: string | null;
                            slaDeadline: string | null;
                            allowedActions: string[];
                            attachments?: {
                                /** Format: uuid */
                                id: string;
                                filename: string;
                                contentType: string;
                                size: number;
                            }[];
                            createdAt: string;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createReferral: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    direction: "up" | "down";
                    /** @enum {string} */
                    priority: "routine" | "urgent" | "green_channel";
                    /** Format: uuid */
                    toInstitutionId: string;
                    department: string;
                    patient: {
                        name: string;
                        /** @enum {string} */
                        sex: "female" | "male";
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        birthDate: string;
                        /** @description 18-character resident ID (GB 11643); leave out only with noIdCard */
                        idNumber?: string;
                        /** @description The person has no ID card (a child, some elderly): the patient index gives a local identifier instead */
                        noIdCard?: boolean;
                        /** @description Mainland mobile number */
                        phone?: string;
                        /** @description GB/T 2260 code, 6 digits */
                        homeCounty?: string;
                    };
                    reason: {
                        icd10: string;
                        text: string;
                    };
                    summary?: string;
                    /** @default false */
                    submit?: boolean;
                    /** Format: uuid */
                    slotId?: string;
                    /** Format: uuid */
                    bedId?: string;
                    /** Format: uuid */
                    parentId?: string;
                    attachments?: {
                        filename: string;
                        /** @enum {string} */
                        contentType: "application/pdf" | "image/png" | "image/jpeg";
                        /** @description Base64 of the file, at most 2 MiB */
                        data: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        direction: "up" | "down";
                        /** @enum {string} */
                        priority: "routine" | "urgent" | "green_channel";
                        /** @enum {string} */
                        status: "draft" | "submitted" | "accepted" | "scheduled" | "arrived" | "completed" | "rejected" | "cancelled" | "expired";
                        /** Format: uuid */
                        fromInstitutionId: string;
                        fromInstitutionName: string;
                        /** Format: uuid */
                        toInstitutionId: string;
                        toInstitutionName: string;
                        department: string;
                        patient: {
                            /**
                             * Format: uuid
                             * @description The person in the patient index (null only for a row the linking has not reached)
                             */
                            id: string | null;
                            name: string;
                            sex: string;
                            birthDate: string;
                            /** @description Masked unless the caller treats the patient; null without an ID card */
                            idNumber: string | null;
                            phone: string | null;
                            homeCounty: string | null;
                        };
                        reason: {
                            icd10: string;
                            text: string;
                        };
                        summary: string | null;
                        slotId: string | null;
                        bedId: string | null;
                        /** @description The reserved outpatient slot or bed booked for the patient; null until one is */
                        booking: {
                            /** @enum {string} */
                            kind: "slot" | "bed";
                            /** @description The receiving hospital, where the patient goes */
                            institutionName: string;
                            /** @description The department of a slot, the ward of a bed */
                            unit: string;
                            date: string;
                        } | null;
                        parentId: string | null;
                        /** Format: uuid */
                        downReferralId?: string | null;
                        submittedAt: string | null;
                        slaDeadline: string | null;
                        allowedActions: string[];
                        attachments?: {
                            /** Format: uuid */
                            id: string;
                            filename: string;
                            contentType: string;
                            size: number;
                        }[];
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suggestPartners: {
        parameters: {
            query: {
                /** @description A referral target, or a telemedicine supporter (always a higher level of care) */
                purpose: "referral" | "telemedicine";
                /** @description For a referral: up (default) suggests higher levels of care, down lower ones */
                direction?: "up" | "down";
                /** @description The patient's home county: its county hospital is suggested (default: your institution's county) */
                county?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            regionCode: string;
                            regionName: string;
                            /**
                             * @description agreement: paired under an active assistance agreement; alliance: a member of one of your alliances; county_hospital: the county hospital of the county
                             * @enum {string}
                             */
                            reason: "agreement" | "alliance" | "county_hospital";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        direction: "up" | "down";
                        /** @enum {string} */
                        priority: "routine" | "urgent" | "green_channel";
                        /** @enum {string} */
                        status: "draft" | "submitted" | "accepted" | "scheduled" | "arrived" | "completed" | "rejected" | "cancelled" | "expired";
                        /** Format: uuid */
                        fromInstitutionId: string;
                        fromInstitutionName: string;
                        /** Format: uuid */
                        toInstitutionId: string;
                        toInstitutionName: string;
                        department: string;
                        patient: {
                            /**
                             * Format: uuid
                             * @description The person in the patient index (null only for a row the linking has not reached)
                             */
                            id: string | null;
                            name: string;
                            sex: string;
                            birthDate: string;
                            /** @description Masked unless the caller treats the patient; null without an ID card */
                            idNumber: string | null;
                            phone: string | null;
                            homeCounty: string | null;
                        };
                        reason: {
                            icd10: string;
                            text: string;
                        };
                        summary: string | null;
                        slotId: string | null;
                        bedId: string | null;
                        /** @description The reserved outpatient slot or bed booked for the patient; null until one is */
                        booking: {
                            /** @enum {string} */
                            kind: "slot" | "bed";
                            /** @description The receiving hospital, where the patient goes */
                            institutionName: string;
                            /** @description The department of a slot, the ward of a bed */
                            unit: string;
                            date: string;
                        } | null;
                        parentId: string | null;
                        /** Format: uuid */
                        downReferralId?: string | null;
                        submittedAt: string | null;
                        slaDeadline: string | null;
                        allowedActions: string[];
                        attachments?: {
                            /** Format: uuid */
                            id: string;
                            filename: string;
                            contentType: string;
                            size: number;
                        }[];
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadReferralAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file as it was attached */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReferralHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            at: string;
                            actor: string;
                            action: string;
                            from: string | null;
                            to: string;
                            note: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transitionReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "submit" | "accept" | "reject" | "schedule" | "arrive" | "complete" | "cancel";
                    note?: string;
                    /** Format: uuid */
                    slotId?: string;
                    /** Format: uuid */
                    bedId?: string;
                    downReferral?: {
                        summary: string;
                        department?: string;
                        medications?: {
                            /** @enum {string} */
                            class: "A" | "B" | "C" | "D";
                            name: string;
                            atMaxDose: boolean;
                        }[];
                        bp?: {
                            sbp: number;
                            dbp: number;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        direction: "up" | "down";
                        /** @enum {string} */
                        priority: "routine" | "urgent" | "green_channel";
                        /** @enum {string} */
                        status: "draft" | "submitted" | "accepted" | "scheduled" | "arrived" | "completed" | "rejected" | "cancelled" | "expired";
                        /** Format: uuid */
                        fromInstitutionId: string;
                        fromInstitutionName: string;
                        /** Format: uuid */
                        toInstitutionId: string;
                        toInstitutionName: string;
                        department: string;
                        patient: {
                            /**
                             * Format: uuid
                             * @description The person in the patient index (null only for a row the linking has not reached)
                             */
                            id: string | null;
                            name: string;
                            sex: string;
                            birthDate: string;
                            /** @description Masked unless the caller treats the patient; null without an ID card */
                            idNumber: string | null;
                            phone: string | null;
                            homeCounty: string | null;
                        };
                        reason: {
                            icd10: string;
                            text: string;
                        };
                        summary: string | null;
                        slotId: string | null;
                        bedId: string | null;
                        /** @description The reserved outpatient slot or bed booked for the patient; null until one is */
                        booking: {
                            /** @enum {string} */
                            kind: "slot" | "bed";
                            /** @description The receiving hospital, where the patient goes */
                            institutionName: string;
                            /** @description The department of a slot, the ward of a bed */
                            unit: string;
                            date: string;
                        } | null;
                        parentId: string | null;
                        /** Format: uuid */
                        downReferralId?: string | null;
                        submittedAt: string | null;
                        slaDeadline: string | null;
                        allowedActions: string[];
                        attachments?: {
                            /** Format: uuid */
                            id: string;
                            filename: string;
                            contentType: string;
                            size: number;
                        }[];
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReferralStats: {
        parameters: {
            query: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        up: number;
                        down: number;
                        downUpRatio: number | null;
                        acceptanceHours: {
                            median: number | null;
                            p90: number | null;
                        };
                        slaBreaches: number;
                        rejectionReasons: {
                            reason: string;
                            count: number;
                        }[];
                        upLeavingCounty: number;
                        slots: {
                            reserved: number;
                            booked: number;
                            utilisation: number | null;
                        };
                        beds: {
                            reserved: number;
                            booked: number;
                            utilisation: number | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSlots: {
        parameters: {
            query?: {
                institutionId?: string;
                department?: string;
                ward?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            department: string;
                            date: string;
                            reserved: number;
                            booked: number;
                            available: number;
                            releasedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishSlots: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    institutionId: string;
                    department: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    reserved: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releaseSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBeds: {
        parameters: {
            query?: {
                institutionId?: string;
                department?: string;
                ward?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            ward: string;
                            date: string;
                            reserved: number;
                            booked: number;
                            available: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishBeds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    institutionId: string;
                    ward: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    reserved: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    evaluateHypertension: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description hypertension.md input */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        diagnosis: "confirmed" | "needs_more_readings" | "not_hypertension";
                        /** @enum {string} */
                        grade: "normal" | "high_normal" | "grade1" | "grade2" | "grade3";
                        /** @enum {string|null} */
                        risk: "low" | "moderate" | "moderate_high" | "high" | "high_very_high" | "very_high" | null;
                        target: {
                            sbp: number;
                            dbp: number;
                        };
                        ifTolerated?: {
                            sbp: number;
                            dbp: number;
                        };
                        controlled: boolean;
                        /** @enum {string} */
                        action: "refer_urgent" | "acute_lowering" | "refer_nonurgent" | "recheck" | "lifestyle" | "start_dual" | "start_mono" | "keep" | "titrate_or_add" | "add_class";
                        /** @description Best first: the choice, then the alternatives */
                        suggestedClasses: ("A" | "B" | "C" | "D")[];
                        avoidClasses: {
                            /** @enum {string} */
                            class: "A" | "B" | "C" | "D";
                            reason: string;
                        }[];
                        followUpDays: {
                            min: number;
                            max: number;
                        };
                        mayDeferWeeks?: number;
                        trace: {
                            rule: string;
                            source: string;
                            detail: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChronicPatients: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                /** @description Search text */
                q?: string;
                due?: "overdue" | "week" | "off";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            institutionId: string;
                            /**
                             * Format: uuid
                             * @description The person in the patient index (null only for a row the linking has not reached)
                             */
                            patientId: string | null;
                            name: string;
                            sex: string;
                            birthDate: string;
                            /** @description Masked unless the caller treats the patient; null without an ID card */
                            idNumber: string | null;
                            phone: string | null;
                            /** @description Whether the patient agreed to SMS reminders */
                            smsConsent: boolean;
                            /**
                             * Format: date-time
                             * @description When the patient last gave or withdrew consent
                             */
                            smsConsentAt: string | null;
                            conditions: string[];
                            riskFactors: string[];
                            enrolledOn: string;
                            lastVisitOn: string | null;
                            lastControlled: boolean | null;
                            nextDueOn: string | null;
                            /** @description No call before this day (a retry, or the agreed date) */
                            nextCallOn: string | null;
                            unansweredCalls: number;
                            /** @enum {string|null} */
                            offListReason: "unreachable" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                            /** @enum {string|null} */
                            lastCallResult: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                            lastCallOn: string | null;
                            /** @description The open follow-up task of a patient sent back down from hospital (出院后随访): the call list's item for it */
                            followUp: {
                                /** @description Contact the patient by this day (referral.md: within 14 days) */
                                dueOn: string;
                                /** Format: uuid */
                                referralId: string;
                            } | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enrolChronicPatient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    patient: {
                        name: string;
                        /** @enum {string} */
                        sex: "female" | "male";
                        /**
                         * Format: date
                         * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                         */
                        birthDate: string;
                        /** @description 18-character resident ID (GB 11643); leave out only with noIdCard */
                        idNumber?: string;
                        /** @description The person has no ID card (a child, some elderly): the patient index gives a local identifier instead */
                        noIdCard?: boolean;
                        /** @description Mainland mobile number */
                        phone?: string;
                    };
                    conditions?: ("diabetes" | "diabetes_with_complications" | "ckd_stage3" | "ckd_stage4plus" | "proteinuria" | "coronary_heart_disease" | "heart_failure" | "stroke" | "atrial_fibrillation" | "peripheral_artery_disease" | "advanced_retinopathy" | "lvh" | "carotid_plaque" | "gout" | "asthma" | "av_block_2_3" | "hyperkalemia" | "bilateral_renal_artery_stenosis" | "secondary_suspected")[];
                    riskFactors?: ("smoking" | "impaired_glucose" | "dyslipidemia" | "family_history_premature_cvd" | "obesity" | "elevated_homocysteine")[];
                    /** @description The patient agrees to SMS reminders (default: no) */
                    smsConsent?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        institutionId: string;
                        /**
                         * Format: uuid
                         * @description The person in the patient index (null only for a row the linking has not reached)
                         */
                        patientId: string | null;
                        name: string;
                        sex: string;
                        birthDate: string;
                        /** @description Masked unless the caller treats the patient; null without an ID card */
                        idNumber: string | null;
                        phone: string | null;
                        /** @description Whether the patient agreed to SMS reminders */
                        smsConsent: boolean;
                        /**
                         * Format: date-time
                         * @description When the patient last gave or withdrew consent
                         */
                        smsConsentAt: string | null;
                        conditions: string[];
                        riskFactors: string[];
                        enrolledOn: string;
                        lastVisitOn: string | null;
                        lastControlled: boolean | null;
                        nextDueOn: string | null;
                        /** @description No call before this day (a retry, or the agreed date) */
                        nextCallOn: string | null;
                        unansweredCalls: number;
                        /** @enum {string|null} */
                        offListReason: "unreachable" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                        /** @enum {string|null} */
                        lastCallResult: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                        lastCallOn: string | null;
                        /** @description The open follow-up task of a patient sent back down from hospital (出院后随访): the call list's item for it */
                        followUp: {
                            /** @description Contact the patient by this day (referral.md: within 14 days) */
                            dueOn: string;
                            /** Format: uuid */
                            referralId: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChronicPatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        institutionId: string;
                        /**
                         * Format: uuid
                         * @description The person in the patient index (null only for a row the linking has not reached)
                         */
                        patientId: string | null;
                        name: string;
                        sex: string;
                        birthDate: string;
                        /** @description Masked unless the caller treats the patient; null without an ID card */
                        idNumber: string | null;
                        phone: string | null;
                        /** @description Whether the patient agreed to SMS reminders */
                        smsConsent: boolean;
                        /**
                         * Format: date-time
                         * @description When the patient last gave or withdrew consent
                         */
                        smsConsentAt: string | null;
                        conditions: string[];
                        riskFactors: string[];
                        enrolledOn: string;
                        lastVisitOn: string | null;
                        lastControlled: boolean | null;
                        nextDueOn: string | null;
                        /** @description No call before this day (a retry, or the agreed date) */
                        nextCallOn: string | null;
                        unansweredCalls: number;
                        /** @enum {string|null} */
                        offListReason: "unreachable" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                        /** @enum {string|null} */
                        lastCallResult: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                        lastCallOn: string | null;
                        /** @description The open follow-up task of a patient sent back down from hospital (出院后随访): the call list's item for it */
                        followUp: {
                            /** @description Contact the patient by this day (referral.md: within 14 days) */
                            dueOn: string;
                            /** Format: uuid */
                            referralId: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChronicVisits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            visitOn: string;
                            nextDueOn: string;
                            /** @description Null for a discharge without a blood pressure: the engine did not run */
                            recommendation: {
                                /** @enum {string} */
                                diagnosis: "confirmed" | "needs_more_readings" | "not_hypertension";
                                /** @enum {string} */
                                grade: "normal" | "high_normal" | "grade1" | "grade2" | "grade3";
                                /** @enum {string|null} */
                                risk: "low" | "moderate" | "moderate_high" | "high" | "high_very_high" | "very_high" | null;
                                target: {
                                    sbp: number;
                                    dbp: number;
                                };
                                ifTolerated?: {
                                    sbp: number;
                                    dbp: number;
                                };
                                controlled: boolean;
                                /** @enum {string} */
                                action: "refer_urgent" | "acute_lowering" | "refer_nonurgent" | "recheck" | "lifestyle" | "start_dual" | "start_mono" | "keep" | "titrate_or_add" | "add_class";
                                /** @description Best first: the choice, then the alternatives */
                                suggestedClasses: ("A" | "B" | "C" | "D")[];
                                avoidClasses: {
                                    /** @enum {string} */
                                    class: "A" | "B" | "C" | "D";
                                    reason: string;
                                }[];
                                followUpDays: {
                                    min: number;
                                    max: number;
                                };
                                mayDeferWeeks?: number;
                                trace: {
                                    rule: string;
                                    source: string;
                                    detail: string;
                                }[];
                            } | null;
                            /**
                             * @description A visit at the institution, or the hospital's discharge summary
                             * @enum {string}
                             */
                            kind: "follow_up" | "discharge";
                            /** @description What the hospital sent with a discharge visit; null for other visits */
                            discharge: {
                                /** Format: uuid */
                                referralId: string;
                                summary: string;
                                /** @description The hospital that sent the patient back down */
                                hospital: string;
                                /**
                                 * @description The engine's interval from the BP at discharge, or refer_*'s 14 days without one
                                 * @enum {string}
                                 */
                                dueRule: "guideline" | "no_bp";
                            } | null;
                            sbp: number | null;
                            dbp: number | null;
                            edition: string;
                            recordedBy: string;
                            currentDrugs: {
                                /** @enum {string} */
                                class: "A" | "B" | "C" | "D";
                                name: string;
                                atMaxDose: boolean;
                            }[];
                            /** @description The symptoms recorded at the visit (a referral's summary starts from them) */
                            symptoms: ("severe_headache" | "vomiting" | "altered_consciousness" | "speech_disturbance" | "limb_weakness" | "chest_pain" | "back_pain" | "dyspnea" | "orthopnea" | "blurred_vision" | "palpitations_sweating_episodes")[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordChronicVisit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    visitOn?: string;
                    /** @enum {string} */
                    edition?: "2020" | "2025";
                    readings: {
                        sbp: number;
                        dbp: number;
                        /** @enum {string} */
                        setting?: "office" | "home" | "ambulatory_24h";
                        treated?: boolean;
                    }[];
                    symptoms?: ("severe_headache" | "vomiting" | "altered_consciousness" | "speech_disturbance" | "limb_weakness" | "chest_pain" | "back_pain" | "dyspnea" | "orthopnea" | "blurred_vision" | "palpitations_sweating_episodes")[];
                    currentDrugs?: {
                        /** @enum {string} */
                        class: "A" | "B" | "C" | "D";
                        name: string;
                        atMaxDose: boolean;
                    }[];
                    weeksOnCurrentRegimen?: number;
                    labs?: {
                        potassium?: number;
                        egfr?: number;
                        acr?: number;
                    };
                    pregnant?: boolean;
                    breastfeeding?: boolean;
                    conditions?: ("diabetes" | "diabetes_with_complications" | "ckd_stage3" | "ckd_stage4plus" | "proteinuria" | "coronary_heart_disease" | "heart_failure" | "stroke" | "atrial_fibrillation" | "peripheral_artery_disease" | "advanced_retinopathy" | "lvh" | "carotid_plaque" | "gout" | "asthma" | "av_block_2_3" | "hyperkalemia" | "bilateral_renal_artery_stenosis" | "secondary_suspected")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        visitOn: string;
                        sbp: number;
                        dbp: number;
                        /** @enum {string} */
                        edition: "2020" | "2025";
                        nextDueOn: string;
                        recommendation: {
                            /** @enum {string} */
                            diagnosis: "confirmed" | "needs_more_readings" | "not_hypertension";
                            /** @enum {string} */
                            grade: "normal" | "high_normal" | "grade1" | "grade2" | "grade3";
                            /** @enum {string|null} */
                            risk: "low" | "moderate" | "moderate_high" | "high" | "high_very_high" | "very_high" | null;
                            target: {
                                sbp: number;
                                dbp: number;
                            };
                            ifTolerated?: {
                                sbp: number;
                                dbp: number;
                            };
                            controlled: boolean;
                            /** @enum {string} */
                            action: "refer_urgent" | "acute_lowering" | "refer_nonurgent" | "recheck" | "lifestyle" | "start_dual" | "start_mono" | "keep" | "titrate_or_add" | "add_class";
                            /** @description Best first: the choice, then the alternatives */
                            suggestedClasses: ("A" | "B" | "C" | "D")[];
                            avoidClasses: {
                                /** @enum {string} */
                                class: "A" | "B" | "C" | "D";
                                reason: string;
                            }[];
                            followUpDays: {
                                min: number;
                                max: number;
                            };
                            mayDeferWeeks?: number;
                            trace: {
                                rule: string;
                                source: string;
                                detail: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChronicCalls: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            calledOn: string;
                            /** @enum {string} */
                            result: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused";
                            agreedDate: string | null;
                            note: string | null;
                            callerName: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordChronicCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    result: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused";
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    agreedDate?: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        calledOn: string;
                        /** @enum {string} */
                        result: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused";
                        agreedDate: string | null;
                        note: string | null;
                        callerName: string;
                        /** Format: date-time */
                        createdAt: string;
                        patient: {
                            nextDueOn: string | null;
                            /** @description No call before this day (a retry, or the agreed date) */
                            nextCallOn: string | null;
                            unansweredCalls: number;
                            /** @enum {string|null} */
                            offListReason: "unreachable" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                            /** @enum {string|null} */
                            lastCallResult: "reached" | "no_answer" | "wrong_number" | "moved_away" | "died" | "refused" | null;
                            lastCallOn: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getControlRate: {
        parameters: {
            query?: {
                regionCode?: string;
                institutionId?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOf: string;
                        /** @description Only a last visit on or after this day counts as controlled */
                        since: string;
                        patients: number;
                        controlled: number;
                        /** @description controlled / patients, 3 decimals; null without patients */
                        rate: number | null;
                        byInstitution: {
                            /** Format: uuid */
                            institutionId: string;
                            institutionName: string;
                            patients: number;
                            controlled: number;
                            /** @description controlled / patients, 3 decimals; null without patients */
                            rate: number | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReminderStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setSmsConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Whether the patient agrees to SMS reminders */
                    consent: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        smsConsent: boolean;
                        /** Format: date-time */
                        smsConsentAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSmsReminders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /**
                             * @description before_due: the day before the due date; missed_visit: the day after it passed without a visit
                             * @enum {string}
                             */
                            kind: "before_due" | "missed_visit";
                            /** @description The due date the reminder is about */
                            dueOn: string;
                            /** @enum {string} */
                            status: "pending" | "sent" | "failed" | "delivered" | "undelivered" | "skipped";
                            attempts: number;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /**
                             * @description Why a skipped reminder was not sent
                             * @enum {string|null}
                             */
                            skipReason: "no_consent" | "no_phone" | "inactive" | "off_list" | "due_moved" | "too_late" | null;
                            /** @description The last failed attempt, or why it was not delivered */
                            lastError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveSmsDeliveryReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description Our id of the message, as sent (messageId)
                     */
                    messageId?: string;
                    /** @description The gateway's own id, as it answered the send */
                    gatewayMessageId?: string;
                    /** @enum {string} */
                    status: "delivered" | "undelivered";
                    /**
                     * Format: date-time
                     * @description When the handset received it (delivered)
                     */
                    at?: string;
                    /** @description The carrier's reason (undelivered) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Stored */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMeetingTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    institutionId: string;
                    /** @description https URL containing {id}, e.g. https://meet.example.org/mb-{id} */
                    template: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTelemedicineSessions: {
        parameters: {
            query: {
                page: number;
                pageSize: number;
                status?: "requested" | "proposed" | "scheduled" | "held" | "closed" | "cancelled";
                kind?: "consultation" | "ward_round" | "teaching" | "training" | "imaging_reading" | "ecg_reading";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            status: string;
                            title: string;
                            /** Format: uuid */
                            recipientId: string;
                            recipientName: string;
                            /** Format: uuid */
                            supporterId: string;
                            supporterName: string;
                            requestedStart: string | null;
                            startsAt: string | null;
                            durationMinutes: number;
                            link: string | null;
                            referralId: string | null;
                            chronicPatientId: string | null;
                            attendance: {
                                name: string;
                                side: string;
                                attended: boolean;
                            }[] | null;
                            minutes: string | null;
                            opinion: string | null;
                            cancelReason: string | null;
                            allowedActions: string[];
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestTelemedicineSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "consultation" | "ward_round" | "teaching" | "training" | "imaging_reading" | "ecg_reading";
                    /** Format: uuid */
                    supporterId: string;
                    title: string;
                    /**
                     * Format: date-time
                     * @description ISO 8601 time with zone, e.g. 2026-03-02T10:00:00+08:00
                     */
                    requestedStart?: string;
                    /** @default 60 */
                    durationMinutes?: number;
                    /** Format: uuid */
                    referralId?: string;
                    /** Format: uuid */
                    chronicPatientId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: string;
                        status: string;
                        title: string;
                        /** Format: uuid */
                        recipientId: string;
                        recipientName: string;
                        /** Format: uuid */
                        supporterId: string;
                        supporterName: string;
                        requestedStart: string | null;
                        startsAt: string | null;
                        durationMinutes: number;
                        link: string | null;
                        referralId: string | null;
                        chronicPatientId: string | null;
                        attendance: {
                            name: string;
                            side: string;
                            attended: boolean;
                        }[] | null;
                        minutes: string | null;
                        opinion: string | null;
                        cancelReason: string | null;
                        allowedActions: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTelemedicineSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: string;
                        status: string;
                        title: string;
                        /** Format: uuid */
                        recipientId: string;
                        recipientName: string;
                        /** Format: uuid */
                        supporterId: string;
                        supporterName: string;
                        requestedStart: string | null;
                        startsAt: string | null;
                        durationMinutes: number;
                        link: string | null;
                        referralId: string | null;
                        chronicPatientId: string | null;
                        attendance: {
                            name: string;
                            side: string;
                            attended: boolean;
                        }[] | null;
                        minutes: string | null;
                        opinion: string | null;
                        cancelReason: string | null;
                        allowedActions: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    actOnTelemedicineSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "schedule" | "propose" | "accept" | "hold" | "close" | "cancel";
                    /**
                     * Format: date-time
                     * @description ISO 8601 time with zone, e.g. 2026-03-02T10:00:00+08:00
                     */
                    startsAt?: string;
                    reason?: string;
                    minutes?: string;
                    opinion?: string;
                    attendance?: {
                        name: string;
                        /** @enum {string} */
                        side: "recipient" | "supporter";
                        attended: boolean;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: string;
                        status: string;
                        title: string;
                        /** Format: uuid */
                        recipientId: string;
                        recipientName: string;
                        /** Format: uuid */
                        supporterId: string;
                        supporterName: string;
                        requestedStart: string | null;
                        startsAt: string | null;
                        durationMinutes: number;
                        link: string | null;
                        referralId: string | null;
                        chronicPatientId: string | null;
                        attendance: {
                            name: string;
                            side: string;
                            attended: boolean;
                        }[] | null;
                        minutes: string | null;
                        opinion: string | null;
                        cancelReason: string | null;
                        allowedActions: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTouringTeams: {
        parameters: {
            query: {
                institutionId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            homeInstitutionId: string;
                            members: {
                                name: string;
                                title?: string;
                            }[];
                            regionCode: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTouringTeam: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: uuid */
                    homeInstitutionId: string;
                    members?: {
                        name: string;
                        title?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTouringVisits: {
        parameters: {
            query?: {
                institutionId?: string;
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from?: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            teamId: string;
                            /** Format: uuid */
                            siteId: string;
                            date: string;
                            endDate: string;
                            patientsSeen: number;
                            healthTalks: number;
                            audience: number;
                            trained: number;
                            regionCode: string;
                            provinceCode: string;
                            /** Format: date-time */
                            createdAt: string;
                            team: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordTouringVisit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    teamId: string;
                    /** Format: uuid */
                    siteId: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    endDate?: string;
                    patientsSeen?: number;
                    healthTalks?: number;
                    audience?: number;
                    trained?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTouringVisit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTraining: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importTouringVisits: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importTrainingAttendance: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTouringCompliance: {
        parameters: {
            query: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode: string;
                year: number;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regionCode: string;
                        year: number;
                        asOf: string | null;
                        sites: number;
                        failing: number;
                        items: {
                            /** Format: uuid */
                            siteId: string;
                            /** @enum {string} */
                            level: "county" | "township" | "village";
                            /** @enum {string} */
                            per: "quarter" | "month" | "week";
                            min: number;
                            periods: number;
                            metPeriods: number;
                            emptyPeriods: {
                                label: string;
                                from: string;
                                to: string;
                                visits: number;
                            }[];
                            /** @enum {string} */
                            status: "pass" | "fail";
                            siteName: string;
                            regionCode: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTouringRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rules: {
                            county: {
                                /** @enum {string} */
                                per: "quarter" | "month" | "week";
                                min: number;
                            };
                            township: {
                                /** @enum {string} */
                                per: "quarter" | "month" | "week";
                                min: number;
                            };
                            village: {
                                /** @enum {string} */
                                per: "quarter" | "month" | "week";
                                min: number;
                            };
                        };
                        from: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setTouringRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    county: {
                        /** @enum {string} */
                        per: "quarter" | "month" | "week";
                        min: number;
                    };
                    township: {
                        /** @enum {string} */
                        per: "quarter" | "month" | "week";
                        min: number;
                    };
                    village: {
                        /** @enum {string} */
                        per: "quarter" | "month" | "week";
                        min: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTrainings: {
        parameters: {
            query: {
                institutionId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            hostInstitutionId: string;
                            topic: string;
                            trainer: string;
                            date: string;
                            hours: number;
                            attendees: {
                                /** Format: uuid */
                                institutionId: string;
                                count: number;
                            }[];
                            regionCode: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordTraining: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    hostInstitutionId: string;
                    topic: string;
                    trainer: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    date: string;
                    hours: number;
                    attendees?: {
                        /** Format: uuid */
                        institutionId: string;
                        count: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFurtherStudy: {
        parameters: {
            query: {
                institutionId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            traineeName: string;
                            /** Format: uuid */
                            homeInstitutionId: string;
                            /** Format: uuid */
                            hostInstitutionId: string;
                            department: string;
                            startDate: string;
                            endDate: string;
                            outcome: string | null;
                            regionCode: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordFurtherStudy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    traineeName: string;
                    /** Format: uuid */
                    homeInstitutionId: string;
                    /** Format: uuid */
                    hostInstitutionId: string;
                    department: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    startDate: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    endDate: string;
                    outcome?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTechniques: {
        parameters: {
            query: {
                recipientId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            recipientId: string;
                            /** Format: uuid */
                            supporterId: string;
                            name: string;
                            /** @description technique | specialty */
                            kind: string;
                            specialty: string;
                            launchedOn: string;
                            fillsProvincialGap: boolean;
                            /** @description YYYY-MM → cases reported */
                            monthlyCases: {
                                [key: string]: number;
                            };
                            regionCode: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description When the last supporter of its specialty left; null while one is there */
                            lastSupportLeft: string | null;
                            /** @enum {string} */
                            status: "supported" | "sustained" | "died" | "not_yet_known";
                            /** @description The month six months after the last supporter left */
                            checkMonth: string | null;
                            asOf: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordTechnique: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    recipientId: string;
                    /** Format: uuid */
                    supporterId: string;
                    name: string;
                    /** @enum {string} */
                    kind: "technique" | "specialty";
                    specialty: string;
                    /**
                     * Format: date
                     * @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31
                     */
                    launchedOn: string;
                    fillsProvincialGap?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportTechniqueCases: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    month: string;
                    cases: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInstitutionCalendar: {
        parameters: {
            query: {
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            kind: "stationing" | "telemedicine" | "touring" | "training";
                            title: string;
                            /** @description All-day events: YYYY-MM-DD (inclusive); timed events: ISO times */
                            start: string;
                            end: string;
                            allDay: boolean;
                            link: string | null;
                            /** @description What the title says, as data, for the reader's language (title: the Chinese text of the ICS file) */
                            words: {
                                /** @enum {string} */
                                form: "stationed_here";
                                name: string;
                            } | {
                                /** @enum {string} */
                                form: "stationed_away";
                                name: string;
                                place: string;
                            } | {
                                /** @enum {string} */
                                form: "telemedicine";
                                sessionKind: string;
                                title: string;
                                other: string;
                            } | {
                                /** @enum {string} */
                                form: "touring";
                                team: string;
                                site: string;
                            } | {
                                /** @enum {string} */
                                form: "training";
                                topic: string;
                                hours: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInstitutionCalendarIcs: {
        parameters: {
            query: {
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                from: string;
                /** @description Calendar date YYYY-MM-DD, 1900-01-01 to 2100-12-31 */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar as iCalendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importCountyVisits: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importAssessments: {
        parameters: {
            query: {
                /** @description Import the valid rows and report the others */
                skipInvalid: boolean;
                /** @description Validate only; write nothing */
                dryRun: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        imported: number;
                        skipped: number;
                        dryRun: boolean;
                        errors: {
                            line: number;
                            path: string;
                            /** @enum {string} */
                            code: "required" | "unknown_field" | "type" | "enum" | "too_long" | "too_short" | "too_small" | "too_large" | "too_many" | "too_few" | "format" | "pattern" | "not_unique" | "unstorable_text" | "id_number_format" | "id_number_birth_date" | "id_number_check_digit" | "not_found" | "ambiguous" | "not_allowed" | "conflict_state" | "duplicate" | "mismatch" | "same_as" | "in_past" | "in_future" | "before" | "after" | "out_of_period" | "more_than" | "implausible" | "wrong_kind" | "overlap" | "none_left" | "empty" | "unreadable" | "unknown_column" | "unsupported_type" | "cross_origin" | "busy" | "not_ready" | "one_of";
                            /** @description Values the code's text needs (limit, allowed, state, entity, other…) */
                            params: {
                                [key: string]: string | number | boolean | (string | number)[];
                            };
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listIndicators: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            zh: string;
                            en: string;
                            numerator: string;
                            denominator: string | null;
                            /** @enum {string} */
                            unit: "%" | "count" | "days" | "hours" | "ratio";
                            higherIsBetter: boolean;
                            /** @description Measured once a year (counted in December) */
                            yearly?: boolean;
                            /** @description A median read off histograms, not a sum */
                            median?: boolean;
                            /** @description Counted only for months that are over: the current month has no figure */
                            pastMonthsOnly?: boolean;
                            /** @description What is counted, precisely, and the standard it comes from */
                            description?: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rankSupporters: {
        parameters: {
            query: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                year: number;
                weights?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regionCode: string;
                        year: number;
                        asOf: string;
                        weights: {
                            compliance: number;
                            stationedDays: number;
                            telemedicine: number;
                            techniques: number;
                            trainees: number;
                            onSiteWork: number;
                            rating: number;
                        };
                        metrics: {
                            compliance: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            stationedDays: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            telemedicine: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            techniques: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            trainees: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            onSiteWork: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                            rating: {
                                zh: string;
                                en: string;
                                weight: number;
                            };
                        };
                        /** @description The parts of on-site work averaged into its score: those at least one supporter has (each scaled against the best supporter) */
                        onSiteParts: ("outpatientVisits" | "operations" | "teachingHours" | "peopleTrained")[];
                        items: {
                            rank: number;
                            supporterId: string;
                            name: string;
                            figures: {
                                agreements: number;
                                passing: number;
                                stationedDays: number;
                                telemedicine: number;
                                techniques: number;
                                trainees: number;
                                /** @description Patients seen in confirmed outpatient sessions of the supporter's stationed staff */
                                outpatientVisits: number;
                                /** @description Confirmed operations */
                                operations: number;
                                /** @description Confirmed teaching minutes / 60 */
                                teachingHours: number;
                                /** @description Attendees of confirmed teaching plus people mentored */
                                peopleTrained: number;
                                /** @description Recipients' ratings of the supporter's stationed people for the year */
                                ratings: number;
                                /** @description Mean of the four aspects (1–5) over those ratings; null: not rated */
                                ratingMean: number | null;
                            };
                            normalized: {
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                compliance: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                stationedDays: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                telemedicine: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                techniques: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                trainees: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                onSiteWork: number | null;
                                /** @description Scaled to 0–100; null: no evidence (not rated), left out of the score */
                                rating: number | null;
                            };
                            /** @description Metrics without evidence for this supporter (no rating yet): their weight is left out of its score, not counted as 0 */
                            excluded: ("compliance" | "stationedDays" | "telemedicine" | "techniques" | "trainees" | "onSiteWork" | "rating")[];
                            /** @description Weighted mean of the normalized metrics, over the weights of the metrics not excluded */
                            score: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportSupporterRanking: {
        parameters: {
            query: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                year: number;
                weights?: string;
                /** @description Language of headers and values; else Accept-Language, else zh */
                lang?: "zh" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking as a spreadsheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRegionReport: {
        parameters: {
            query: {
                /** @description YYYY-MM or YYYY */
                period: string;
            };
            header?: never;
            path: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIndicatorValues: {
        parameters: {
            query?: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                level?: "national" | "province" | "city" | "county";
                period?: "month" | "quarter" | "year" | "all";
                /** @description YYYY-MM */
                from?: string;
                /** @description YYYY-MM */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        indicator: {
                            id: string;
                            zh: string;
                            en: string;
                            numerator: string;
                            denominator: string | null;
                            /** @enum {string} */
                            unit: "%" | "count" | "days" | "hours" | "ratio";
                            higherIsBetter: boolean;
                            /** @description Measured once a year (counted in December) */
                            yearly?: boolean;
                            /** @description A median read off histograms, not a sum */
                            median?: boolean;
                            /** @description Counted only for months that are over: the current month has no figure */
                            pastMonthsOnly?: boolean;
                            /** @description What is counted, precisely, and the standard it comes from */
                            description?: string;
                        };
                        /**
                         * @description What a region or period missing from items means: zero (a count of the platform's records), no_data (imported statistics not imported), not_applicable (nothing to divide by, no case); an item's null value is not_applicable
                         * @enum {string}
                         */
                        whenAbsent: "zero" | "no_data" | "not_applicable";
                        regionCode: string | null;
                        /** @enum {string} */
                        level: "national" | "province" | "city" | "county";
                        /** @enum {string} */
                        period: "month" | "quarter" | "year" | "all";
                        from: string;
                        to: string;
                        items: {
                            regionCode: string;
                            regionName: string;
                            period: string;
                            numerator: number;
                            denominator: number | null;
                            value: number | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportIndicatorValues: {
        parameters: {
            query?: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
                level?: "national" | "province" | "city" | "county";
                period?: "month" | "quarter" | "year" | "all";
                /** @description YYYY-MM */
                from?: string;
                /** @description YYYY-MM */
                to?: string;
                /** @description Language of headers and values; else Accept-Language, else zh */
                lang?: "zh" | "en";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The values as a spreadsheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        unread: number;
                        items: {
                            /** Format: uuid */
                            id: string;
                            referralId: string | null;
                            kind: string;
                            title: string;
                            createdAt: string;
                            read: boolean;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    institutionId: string;
                    /** @description Where the hospital system listens: a public address (HTTPS in production), unless the operator allow-listed it */
                    url: string;
                    /** @description HMAC-SHA256 key; signatures arrive as x-medbridge-signature: sha256=<hex> */
                    secret: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookupPatient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 18-character resident ID (GB 11643) */
                    idNumber?: string;
                    /** @description MB- and ten characters */
                    localId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        localId: string | null;
                        name: string;
                        sex: string;
                        birthDate: string;
                        /** @description Masked */
                        idNumber: string | null;
                        homeCounty: string | null;
                        institutions: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    countPatients: {
        parameters: {
            query?: {
                /** @description GB/T 2260 code, 6 digits */
                regionCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regionCode: string | null;
                        patients: number;
                        acrossInstitutions: number;
                        localIdentifiers: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPatientPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        patient: {
                            /** Format: uuid */
                            id: string;
                            localId: string | null;
                            name: string;
                            sex: string;
                            birthDate: string;
                            /** @description Masked */
                            idNumber: string | null;
                            homeCounty: string | null;
                        };
                        merged: {
                            /** Format: uuid */
                            id: string;
                            localId: string | null;
                        }[];
                        institutions: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                        }[];
                        events: {
                            /** @enum {string} */
                            kind: "referral" | "stay" | "enrolment" | "visit" | "consultation";
                            at: string;
                            until: string | null;
                            institution: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            other: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            } | null;
                            detail: string | null;
                            status: string | null;
                            code: string | null;
                            /** Format: uuid */
                            recordId: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPatientMerges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            sourceId: string;
                            /** Format: uuid */
                            targetId: string;
                            reason: string;
                            mergedAt: string;
                            unmergedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    mergePatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    targetId: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        sourceId: string;
                        /** Format: uuid */
                        targetId: string;
                        reason: string;
                        mergedAt: string;
                        unmergedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    undoPatientMerge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mergeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        sourceId: string;
                        /** Format: uuid */
                        targetId: string;
                        reason: string;
                        mergedAt: string;
                        unmergedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
