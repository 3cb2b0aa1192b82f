// Search limits shared by the protocol validators and the search code. Kept apart so that
// importing them pulls no search code into the popup bundle.

export const MAX_QUERY_LENGTH = 200;
export const MAX_RESULTS = 100;
