//! Runtime API `TimelockApi` (the pending changes, for UIs and tools) and the runtime's hook
//! to say what a change does ([`PreviewChange`]). The runtime delegates `pending_changes` to
//! [`Pallet::pending_changes`](crate::Pallet::pending_changes).

use alloc::vec::Vec;
use frame::deps::codec::Codec;
use frame::prelude::*;

/// What the runtime can tell about a change before it is enacted.
pub trait PreviewChange<Call> {
	/// The description (e.g. a K change's cost to the insurance fund).
	type Effect: Codec + TypeInfo;
	/// The effect of `call` on the current state, if the runtime knows it.
	fn preview(call: &Call) -> Option<Self::Effect>;
}

impl<Call> PreviewChange<Call> for () {
	type Effect = ();
	fn preview(_: &Call) -> Option<()> {
		None
	}
}

/// A pending change as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PendingChangeInfo<BlockNumber, Hash, Effect> {
	/// Its index (`Timelock::cancel` takes it).
	pub index: crate::ChangeIndex,
	/// Block of the decision.
	pub proposed_at: BlockNumber,
	/// Block at whose start it is enacted.
	pub when: BlockNumber,
	/// Hash of the encoded call.
	pub call_hash: Hash,
	/// Length of the encoded call.
	pub call_len: u32,
	/// The encoded call (`None` if its preimage is not available).
	pub call: Option<Vec<u8>>,
	/// What it does, at the current state, if the runtime knows.
	pub effect: Option<Effect>,
}

frame::deps::sp_api::decl_runtime_apis! {
	/// The governance changes waiting for their enactment block.
	pub trait TimelockApi<BlockNumber, Hash, Effect>
	where
		BlockNumber: Codec,
		Hash: Codec,
		Effect: Codec,
	{
		/// Every pending change, oldest first.
		fn pending_changes() -> Vec<PendingChangeInfo<BlockNumber, Hash, Effect>>;
	}
}
