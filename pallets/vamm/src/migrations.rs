//! Storage migrations of the venue, one module per version step. Each is a
//! `VersionedMigration` (it runs only from its version and bumps it) with `pre_upgrade` /
//! `post_upgrade` checks that run, with every pallet's `try_state`, in try-runtime.

/// Version 0 → 1: `Pool` gains `period_volume` (the quote traded since the last algorithmic K
/// step), starting at zero.
pub mod v1 {
	use crate::pallet::{Config, Pallet, Pools};
	use crate::types::{Pool, PoolConfig, PoolStatus};
	use frame::arithmetic::FixedU128;
	use frame::deps::frame_support::migrations::VersionedMigration;
	use frame::deps::frame_support::traits::UncheckedOnRuntimeUpgrade;
	use frame::prelude::*;

	/// A pool as stored at version 0.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct PoolV0<BlockNumber> {
		/// `B`.
		pub base_reserve: u128,
		/// `Q`.
		pub quote_reserve: u128,
		/// `k`.
		pub k: U256,
		/// `B0`.
		pub initial_base_reserve: u128,
		/// `B0 − B`.
		pub net_base: i128,
		/// Open or closed.
		pub status: PoolStatus,
		/// Chosen at creation.
		pub config: PoolConfig,
		/// Block of `block_start_price`.
		pub block_start_block: BlockNumber,
		/// Mark at the start of that block.
		pub block_start_price: FixedU128,
		/// Block of the last fluctuation-limit exemption.
		pub exemption_used_at: Option<BlockNumber>,
		/// TWAP accumulator.
		pub cumulative_price: U256,
		/// Its last update.
		pub last_twap_update: BlockNumber,
	}

	impl<B> PoolV0<B> {
		/// The version-1 pool: the same fields, no volume yet.
		pub fn upgraded(self) -> Pool<B> {
			Pool {
				base_reserve: self.base_reserve,
				quote_reserve: self.quote_reserve,
				k: self.k,
				initial_base_reserve: self.initial_base_reserve,
				net_base: self.net_base,
				status: self.status,
				config: self.config,
				block_start_block: self.block_start_block,
				block_start_price: self.block_start_price,
				exemption_used_at: self.exemption_used_at,
				cumulative_price: self.cumulative_price,
				last_twap_update: self.last_twap_update,
				period_volume: 0,
			}
		}
	}

	/// The translation itself; use it through [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n: u64 = 0;
			Pools::<T>::translate::<PoolV0<BlockNumberFor<T>>, _>(|_, old| {
				n = n.saturating_add(1);
				Some(old.upgraded())
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, frame::try_runtime::TryRuntimeError> {
			let n = u32::try_from(Pools::<T>::iter_keys().count()).unwrap_or(u32::MAX);
			Ok(n.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(
			state: alloc::vec::Vec<u8>,
		) -> Result<(), frame::try_runtime::TryRuntimeError> {
			let before = u32::decode(&mut state.as_slice()).map_err(|_| "pre-upgrade state")?;
			let pools: alloc::vec::Vec<_> = Pools::<T>::iter_values().collect();
			ensure!(u32::try_from(pools.len()).ok() == Some(before), "a pool was lost");
			ensure!(pools.iter().all(|p| p.period_volume == 0), "volume not started at zero");
			Pallet::<T>::do_try_state().map_err(Into::into)
		}
	}

	/// Pools from version 0 to version 1 (a no-op, with a read, at any other version).
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
