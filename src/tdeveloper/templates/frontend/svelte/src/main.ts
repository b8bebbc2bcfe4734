import "@picocss/pico/css/pico.min.css";
import "./styles.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { APP } from "./entities";

// The title is free text from the app's description: set here, not pasted into index.html.
document.title = APP.title;

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target });
