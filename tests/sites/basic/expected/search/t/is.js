(window.digestSearch=window.digestSearch||[]).push(["t","is",{"istanbul":[1]}]);
