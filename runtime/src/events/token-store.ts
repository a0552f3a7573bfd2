// Where an app keeps each portal's `application_token` (sent with ONAPPINSTALL, and with every
// event after it). Apps serve many portals, so the token is looked up by `auth[member_id]`.
export interface AppTokenStore {
  get(memberId: string): Promise<string | undefined>;
  set(memberId: string, applicationToken: string): Promise<void>;
  delete(memberId: string): Promise<void>;
}
