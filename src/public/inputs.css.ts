import { inputsStylesheet } from "../../loaders/site/public-styles.ts";
process.stdout.write(inputsStylesheet());
