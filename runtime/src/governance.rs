//! What the time lock's runtime API says about a pending change
//! (`TimelockApi::pending_changes`): the runtime's [`Preview`] of the calls whose effect a
//! reader cannot see from the call alone.

use super::*;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The effect of a pending governance change, computed at the state the API is asked at.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum Effect {
	/// `Vamm::adjust_k`: the pool's `k` now, the target, and what reaching the target at once
	/// would cost the insurance fund at the current net position (negative: a gain); the chain
	/// moves by at most `MaxKStep` per funding period. `None` if the market cannot take it
	/// (no pool, ratio out of bounds).
	KChange {
		/// The market.
		market: pallet_vamm::MarketId,
		/// The requested ratio.
		ratio: sp_runtime::FixedU128,
		/// `k` now, the target `k` and the cost.
		preview: Option<pallet_vamm::KChangePreview>,
	},
	/// `System::authorize_upgrade(_without_checks)`: anyone may then apply the code whose
	/// blake2-256 hash this is.
	RuntimeUpgrade {
		/// The authorised code's hash.
		code_hash: Hash,
	},
}

/// The runtime's [`pallet_timelock::PreviewChange`].
pub struct Preview;
impl pallet_timelock::PreviewChange<RuntimeCall> for Preview {
	type Effect = Effect;
	fn preview(call: &RuntimeCall) -> Option<Effect> {
		match call {
			RuntimeCall::Vamm(pallet_vamm::Call::adjust_k { market, ratio }) => {
				Some(Effect::KChange {
					market: *market,
					ratio: *ratio,
					preview: Vamm::k_change_preview(*market, *ratio).ok(),
				})
			},
			RuntimeCall::System(
				frame_system::Call::authorize_upgrade { code_hash }
				| frame_system::Call::authorize_upgrade_without_checks { code_hash },
			) => Some(Effect::RuntimeUpgrade { code_hash: *code_hash }),
			_ => None,
		}
	}
}
