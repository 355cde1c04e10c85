(window.digestSearch=window.digestSearch||[]).push(["t","vi",{"visit":[6]}]);
