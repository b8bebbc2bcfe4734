import { useEffect, useRef } from "react";

interface Props {
  message: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question (a native <dialog>), mounted while it is asked. Escape cancels. */
export function ConfirmDialog({ message, confirm, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // jsdom has no showModal: there the dialog is only marked open.
    if (typeof element.showModal === "function") element.showModal();
    else element.setAttribute("open", "");
    return () => {
      if (typeof element.close === "function") element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <article>
        <p id="confirm-message">{message}</p>
        <footer>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="contrast" onClick={onConfirm}>
            {confirm}
          </button>
        </footer>
      </article>
    </dialog>
  );
}
