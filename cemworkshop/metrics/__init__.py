"""Pure arithmetic, one module per concept: ``ipa`` (importance–performance), ``ron`` (Return on Nothing)."""
