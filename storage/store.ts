import { randomUUID } from "node:crypto";
import { TableClient, TableServiceClient } from "@azure/data-tables";
import type { SendRequest } from "@azure/core-rest-pipeline";
import { Attendance, AuditEntry, Meeting, Member, Partnership } from "../bot/domain/types";
import { attendanceCodec } from "./attendanceTable";
import { auditCodec } from "./auditTable";
import { Delivery, deliveryCodec } from "./deliveryTable";
import { DirectoryEntry, directoryCodec } from "./directoryTable";
import { Codec, EntityTable } from "./entityTable";
import { guard, isConflict } from "./errors";
import { meetingCodec } from "./meetingTable";
import { MeetingLinkEntry, meetingLinkCodec } from "./meetingLinkTable";
import { memberCodec } from "./memberTable";
import { partnershipCodec } from "./partnershipTable";
import { ATTENDANCE_OUTBOX, RollCallTable } from "./rollCallTable";
import { ACTION_OUTBOX, ActionTable } from "./actionTable";
import { SIGNOFF_OUTBOX, SignOffTable } from "./signOffTable";
import { AuditOutbox } from "./auditOutbox";
import { SendTable } from "./sendTable";

export type MemberRecord = Member & { partnershipId: string };
export type AttendanceRecord = Attendance & { partnershipId: string };
export type AuditRecord = AuditEntry & { key?: string };

export interface Store {
  partnerships: EntityTable<Partnership>;
  members: EntityTable<MemberRecord>;
  meetings: EntityTable<Meeting>;
  attendance: EntityTable<AttendanceRecord>;
  /** The same table as attendance, read and written a whole roll call at a time. */
  rollCalls: RollCallTable;
  actions: ActionTable;
  signOffs: SignOffTable;
  audit: EntityTable<AuditRecord>;
  directory: EntityTable<DirectoryEntry>;
  deliveries: EntityTable<Delivery>;
  /** Teams meetings linked to board meetings, found by what their events carry. */
  meetingLinks: EntityTable<MeetingLinkEntry>;
  /** Audit entries written with their change, copied to the audit table after the answer (auditOutbox.ts). */
  outbox: AuditOutbox;
  /** Sends to Teams as all instances see them: per-conversation pacing and per-message card leases. */
  sends: SendTable;
  /** Creates any missing table; safe to call at every start. */
  ensureTables(): Promise<void>;
  /** Storage round trips made so far (HTTP requests, retries included): counted, not assumed. */
  roundTrips(): number;
  /** Of those, the ones to the Sends table (pacing and card leases: never on an answer's path). */
  sendRoundTrips(): number;
}

export interface StoreOptions {
  connectionString: string;
  /** Letters and digits: table names allow nothing else. */
  prefix: string;
  /** This process's name in card leases; a fresh one by default (each process is an instance). */
  instance?: string;
}

const TABLES = {
  partnerships: "Partnerships",
  members: "Members",
  meetings: "Meetings",
  attendance: "Attendance",
  audit: "Audit",
  directory: "Directory",
  deliveries: "Deliveries",
  actions: "Actions",
  signOffs: "SignOffs",
  meetingLinks: "MeetingLinks",
  sends: "Sends",
} as const;

export function createStore({ connectionString, prefix, instance = randomUUID() }: StoreOptions): Store {
  // Azurite speaks plain http; a real account's connection string says https and is unaffected.
  let roundTrips = 0;
  let sendRoundTrips = 0;
  const sendsTable = `/${prefix}${TABLES.sends}`;
  const counter = {
    name: "quorateRoundTrips",
    sendRequest: (request: Parameters<SendRequest>[0], next: SendRequest) => {
      roundTrips++;
      if (request.url.includes(sendsTable)) sendRoundTrips++;
      return next(request);
    },
  };
  const clientOptions = {
    allowInsecureConnection: connectionString.includes("DefaultEndpointsProtocol=http;"),
    additionalPolicies: [{ policy: counter, position: "perRetry" as const }],
    // Fail fast during an outage: the person is told "not saved" instead of waiting on long retries.
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
  };
  const client = (name: string) => TableClient.fromConnectionString(connectionString, prefix + name, clientOptions);
  const table = <T>(name: string, codec: Codec<T>) => new EntityTable<T>(client(name), codec);

  const audit = table(TABLES.audit, auditCodec);
  const attendanceClient = client(TABLES.attendance);
  const actionsClient = client(TABLES.actions);
  const signOffsClient = client(TABLES.signOffs);
  const outbox = new AuditOutbox(audit, [
    { client: attendanceClient, prefix: ATTENDANCE_OUTBOX },
    { client: signOffsClient, prefix: SIGNOFF_OUTBOX },
    { client: actionsClient, prefix: ACTION_OUTBOX },
  ]);
  const store: Store = {
    partnerships: table(TABLES.partnerships, partnershipCodec),
    members: table(TABLES.members, memberCodec),
    meetings: table(TABLES.meetings, meetingCodec),
    attendance: table(TABLES.attendance, attendanceCodec),
    rollCalls: new RollCallTable(attendanceClient, outbox),
    actions: new ActionTable(actionsClient, outbox),
    signOffs: new SignOffTable(signOffsClient, outbox),
    audit,
    outbox,
    directory: table(TABLES.directory, directoryCodec),
    deliveries: table(TABLES.deliveries, deliveryCodec),
    meetingLinks: table(TABLES.meetingLinks, meetingLinkCodec),
    sends: new SendTable(client(TABLES.sends), instance),
    roundTrips: () => roundTrips,
    sendRoundTrips: () => sendRoundTrips,
    async ensureTables() {
      const service = TableServiceClient.fromConnectionString(connectionString, clientOptions);
      await Promise.all(
        Object.values(TABLES).map((name) =>
          guard(async () => {
            try {
              await service.createTable(prefix + name);
            } catch (error) {
              if (!isConflict(error)) throw error;
            }
          }),
        ),
      );
    },
  };
  return store;
}
