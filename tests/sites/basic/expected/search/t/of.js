(window.digestSearch=window.digestSearch||[]).push(["t","of",{"of":[3,2,4,6]}]);
